package dev.snapfusion.bridge.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.runner.text.ByteLevel;
import dev.snapfusion.runner.text.ClipPreTokenizer;
import dev.snapfusion.runner.text.ClipTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoVocabularyTest {
    /** Inverse of the tokenizer: drop specials, join tokens, turn </w> into spaces, map symbols back to UTF-8. */
    private static String decode(int[] ids, Map<Integer, String> byId) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            String tok = byId.get(id);
            if (tok.equals("<|startoftext|>") || tok.equals("<|endoftext|>")) {
                continue;
            }
            sb.append(tok);
        }
        String[] words = sb.toString().split("</w>", -1);
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            if (!w.isEmpty()) {
                out.append(out.length() == 0 ? "" : " ").append(ByteLevel.decode(w));
            }
        }
        return out.toString();
    }

    private static Map<String, Integer> readVocab(Path dir) throws IOException {
        return new ObjectMapper().readValue(dir.resolve("vocab.json").toFile(),
                new TypeReference<Map<String, Integer>>() { });
    }

    @Test
    void write_twice_isByteIdentical(@TempDir Path dir) throws IOException {
        DemoVocabulary.write(dir.resolve("a"));
        DemoVocabulary.write(dir.resolve("b"));
        assertThat(Files.readAllBytes(dir.resolve("a/vocab.json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b/vocab.json")));
        assertThat(Files.readAllBytes(dir.resolve("a/merges.txt")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b/merges.txt")));
    }

    @Test
    void write_layout_followsClipVocabOrder(@TempDir Path dir) throws IOException {
        DemoVocabulary.write(dir);
        Map<String, Integer> vocab = readVocab(dir);
        assertThat(vocab).hasSize(DemoVocabulary.vocabSize());
        assertThat(vocab.size()).isBetween(900, 1000);
        assertThat(vocab.get("!")).isEqualTo(0);
        assertThat(vocab.get("a</w>")).isEqualTo(320);   // same id as in the real CLIP vocab
        assertThat(vocab.get("\u0120")).isEqualTo(188 + 32);  // the space byte's symbol
        assertThat(vocab.get("<|startoftext|>")).isEqualTo(vocab.size() - 2);
        assertThat(vocab.get("<|endoftext|>")).isEqualTo(vocab.size() - 1);
        assertThat(vocab.values()).doesNotHaveDuplicates();

        List<String> lines = Files.readAllLines(dir.resolve("merges.txt"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("#version: 0.2");
        for (String m : lines.subList(1, lines.size())) {
            String[] p = m.split(" ");
            assertThat(p).hasSize(2);
            assertThat(vocab).containsKeys(p[0], p[1], p[0] + p[1]);
        }
    }

    @Test
    void tokenizer_fromDemoVocab_roundTripsPrompts(@TempDir Path dir) throws IOException {
        DemoVocabulary.write(dir);
        ClipTokenizer tok = ClipTokenizer.load(dir.resolve("vocab.json").toFile(), dir.resolve("merges.txt").toFile());
        Map<Integer, String> byId = new HashMap<>();
        readVocab(dir).forEach((k, v) -> byId.put(v, k));
        List<String> prompts = List.of(
                "a photo of a cat sitting on a wooden table",
                "A  Majestic LION\tat golden hour",
                "zebra crossing xylophone quokka",
                "café 東京 at night",
                "don't stop, 1234 times!!");
        for (String prompt : prompts) {
            String decoded = decode(tok.encode(prompt, 77), byId);
            assertThat(decoded).as(prompt).isEqualTo(String.join(" ", ClipPreTokenizer.words(prompt)));
        }
        // plain words: decoding gives exactly the cleaned prompt
        assertThat(decode(tok.encode("A  Majestic LION\tat golden hour", 77), byId))
                .isEqualTo("a majestic lion at golden hour");
    }

    @Test
    void tokenizer_fromDemoVocab_keepsFrequentCorpusWordsWhole(@TempDir Path dir) throws IOException {
        DemoVocabulary.write(dir);
        ClipTokenizer tok = ClipTokenizer.load(dir.resolve("vocab.json").toFile(), dir.resolve("merges.txt").toFile());
        assertThat(tok.tokens("a photo of a cat")).containsExactly("a</w>", "photo</w>", "of</w>", "a</w>", "cat</w>");
        // an unseen word falls back to smaller pieces but still encodes
        assertThat(tok.tokens("quokka").size()).isGreaterThan(1);
    }
}
