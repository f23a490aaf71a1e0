package dev.snapfusion.bridge.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.runner.text.ByteLevel;
import dev.snapfusion.runner.text.ClipPreTokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small CLIP-style BPE vocabulary for the built-in demo pipelines, generated the same way every time.
 * Layout follows CLIP's own vocab: ids 0..255 are the byte-level symbols, 256..511 the same with {@code </w>},
 * then one token per learned merge, then {@code <|startoftext|>} and {@code <|endoftext|>} last.
 * Merges are learned from {@link #CORPUS} by greedy BPE: the most frequent adjacent pair wins, ties go to the
 * lexicographically smallest (left, right). Stateless and thread-safe.
 * <pre>{@code
 * DemoVocabulary.write(bundleDir.resolve("tokenizer"));   // vocab.json + merges.txt
 * }</pre>
 */
public final class DemoVocabulary {
    /** Total entries including the two special tokens. */
    static final int TARGET_SIZE = 1000;
    private static final String END_OF_WORD = "</w>";

    static final List<String> CORPUS = List.of(
            "a photo of a cat sitting on a wooden table",
            "a photograph of an astronaut riding a horse on the moon",
            "a beautiful landscape with mountains and a lake at sunset",
            "a close-up portrait of a golden retriever dog in the park",
            "a red fox standing in the snow, winter forest, soft light",
            "an aerial view of a coastal town with white houses and blue roofs",
            "a misty morning over green rolling hills, high detail",
            "a cute kitten playing with a ball of yarn, studio lighting",
            "a majestic lion resting in the savanna grass at golden hour",
            "a snowy mountain peak above the clouds, dramatic sky",
            "a field of sunflowers under a clear blue sky",
            "a waterfall in a tropical rainforest, long exposure photo",
            "a small wooden cabin by a frozen lake at night with stars",
            "an owl perched on a branch in the moonlight",
            "a city skyline at night with reflections on the river",
            "a herd of elephants walking across the desert at dawn",
            "a colorful parrot sitting on a tree branch in the jungle",
            "a sailing boat on a calm sea at sunrise, 35mm photo",
            "a black and white photo of an old lighthouse on a rocky coast",
            "a hummingbird drinking nectar from a red flower, macro shot",
            "a panda eating bamboo in a green forest",
            "a cozy living room with a fireplace and a sleeping dog",
            "autumn trees with orange and yellow leaves along a quiet road",
            "a horse running through a meadow full of wildflowers",
            "a deer standing in a foggy forest clearing at dawn",
            "a desert canyon with red rocks under a starry night sky",
            "a penguin colony on the ice in antarctica",
            "a bowl of fresh fruit on a kitchen table, natural light",
            "a mountain river flowing between pine trees, 4k photo",
            "a tiger walking through tall grass, wildlife photography",
            "a tulip field in the netherlands with a windmill",
            "a dolphin jumping out of the ocean waves at sunset",
            "a mossy stone bridge over a stream in an ancient forest",
            "a sheep grazing on a hill in the countryside, cloudy sky",
            "a rainy street in tokyo at night with neon lights",
            "a butterfly resting on a purple lavender flower",
            "a cat sleeping on a windowsill in the afternoon sun",
            "a volcano erupting at night with glowing lava",
            "a polar bear walking on sea ice under the northern lights",
            "a cherry blossom tree in full bloom beside a temple");

    private DemoVocabulary() {
    }

    /** Writes {@code vocab.json} and {@code merges.txt} into {@code dir}, creating it if needed. */
    public static void write(Path dir) throws IOException {
        Learned l = learn();
        Files.createDirectories(dir);
        Files.write(dir.resolve("vocab.json"), new ObjectMapper().writeValueAsBytes(l.vocab));
        StringBuilder merges = new StringBuilder("#version: 0.2\n");
        for (String m : l.merges) {
            merges.append(m).append('\n');
        }
        Files.write(dir.resolve("merges.txt"), merges.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Number of entries in the generated vocab.json. */
    public static int vocabSize() {
        return learn().vocab.size();
    }

    private static final class Learned {
        final Map<String, Integer> vocab = new LinkedHashMap<>();
        final List<String> merges = new ArrayList<>();
    }

    private static Learned learn() {
        Learned l = new Learned();
        int[] order = ByteLevel.bytesInVocabOrder();
        for (int b : order) {
            l.vocab.put(String.valueOf(ByteLevel.symbol(b)), l.vocab.size());
        }
        for (int b : order) {
            l.vocab.put(ByteLevel.symbol(b) + END_OF_WORD, l.vocab.size());
        }
        // word (as symbols) -> frequency; TreeMap keeps iteration, and so every count, independent of hashing
        Map<String, Integer> freq = new TreeMap<>();
        for (String prompt : CORPUS) {
            for (String word : ClipPreTokenizer.words(prompt)) {
                freq.merge(ByteLevel.encode(word), 1, Integer::sum);
            }
        }
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : freq.entrySet()) {
            List<String> symbols = new ArrayList<>();
            String w = e.getKey();
            for (int i = 0; i < w.length(); i++) {
                symbols.add(i == w.length() - 1 ? w.charAt(i) + END_OF_WORD : String.valueOf(w.charAt(i)));
            }
            words.add(symbols);
            counts.add(e.getValue());
        }
        while (l.vocab.size() < TARGET_SIZE - 2) {
            String[] best = bestPair(words, counts);
            if (best == null) {
                break;   // every corpus word is a single token already
            }
            l.merges.add(best[0] + " " + best[1]);
            l.vocab.putIfAbsent(best[0] + best[1], l.vocab.size());
            for (int i = 0; i < words.size(); i++) {
                words.set(i, dev.snapfusion.runner.text.Bpe.mergeAll(words.get(i), best[0], best[1]));
            }
        }
        l.vocab.put("<|startoftext|>", l.vocab.size());
        l.vocab.put("<|endoftext|>", l.vocab.size());
        return l;
    }

    private static String[] bestPair(List<List<String>> words, List<Integer> counts) {
        Map<String, Integer> pairCounts = new HashMap<>();
        Map<String, String[]> pairs = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            List<String> w = words.get(i);
            for (int j = 0; j + 1 < w.size(); j++) {
                String key = w.get(j) + " " + w.get(j + 1);
                pairCounts.merge(key, counts.get(i), Integer::sum);
                pairs.putIfAbsent(key, new String[] {w.get(j), w.get(j + 1)});
            }
        }
        String[] best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : pairCounts.entrySet()) {
            String[] p = pairs.get(e.getKey());
            int c = e.getValue();
            if (best == null || c > bestCount || (c == bestCount && lexLess(p, best))) {
                best = p;
                bestCount = c;
            }
        }
        return best;
    }

    private static boolean lexLess(String[] a, String[] b) {
        int c = a[0].compareTo(b[0]);
        return c != 0 ? c < 0 : a[1].compareTo(b[1]) < 0;
    }
}
