package dev.snapfusion.runner.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CLIP's byte-level BPE tokenizer, reading the Hugging Face {@code vocab.json} / {@code merges.txt} pair.
 * Behaves like openai/CLIP's simple_tokenizer (without ftfy) and HF {@code CLIPTokenizer} as configured for SD-v1.5:
 * {@code <|startoftext|>} first, {@code <|endoftext|>} last, padded with {@code <|endoftext|>}.
 * <pre>{@code
 * ClipTokenizer tok = ClipTokenizer.load(new File(dir, "vocab.json"), new File(dir, "merges.txt"));
 * int[] ids = tok.encode("a photo of a cat", 77);
 * }</pre>
 * Immutable and thread-safe.
 */
public final class ClipTokenizer {
    private final Map<String, Integer> vocab;
    private final Bpe bpe;
    private final int bosId;
    private final int eosId;

    ClipTokenizer(Map<String, Integer> vocab, List<String> merges) {
        this.vocab = Collections.unmodifiableMap(new HashMap<>(vocab));
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) {
            ranks.putIfAbsent(merges.get(i), i);
        }
        this.bpe = new Bpe(ranks);
        this.bosId = requireSpecial(ClipPreTokenizer.BOS);
        this.eosId = requireSpecial(ClipPreTokenizer.EOS);
    }

    /**
     * Loads a tokenizer. merges.txt's "#version" header and blank lines are skipped; every other line is one
     * "left right" merge, ranked by line order.
     *
     * @throws IOException if a file cannot be read or is not in the expected format (the message names the file)
     */
    public static ClipTokenizer load(File vocabJson, File mergesTxt) throws IOException {
        Map<String, Integer> vocab;
        try {
            vocab = new ObjectMapper().readValue(vocabJson, new TypeReference<Map<String, Integer>>() { });
        } catch (IOException e) {
            throw new IOException("cannot read CLIP vocab " + vocabJson + ": " + e.getMessage(), e);
        }
        List<String> merges = new ArrayList<>();
        List<String> lines = Files.readAllLines(mergesTxt.toPath(), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.trim().isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            String[] parts = line.split(" ");
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IOException(mergesTxt + " line " + (i + 1) + ": expected \"left right\", got \"" + line + "\"");
            }
            merges.add(line);
        }
        try {
            return new ClipTokenizer(vocab, merges);
        } catch (IllegalArgumentException e) {
            throw new IOException(vocabJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * Token ids for {@code prompt}: BOS, at most {@code maxLength - 2} content tokens, EOS, then EOS padding up to
     * exactly {@code maxLength} ids.
     *
     * @throws IllegalArgumentException if a BPE token is not in the vocab (the message names it)
     */
    public int[] encode(String prompt, int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2 (BOS + EOS), got " + maxLength);
        }
        List<Integer> content = contentIds(prompt);
        int kept = Math.min(content.size(), maxLength - 2);
        int[] ids = new int[maxLength];
        java.util.Arrays.fill(ids, eosId);
        ids[0] = bosId;
        for (int i = 0; i < kept; i++) {
            ids[i + 1] = content.get(i);
        }
        ids[kept + 1] = eosId;
        return ids;
    }

    /** BPE tokens (as vocab strings) for {@code prompt}, without BOS/EOS and without truncation. */
    public List<String> tokens(String prompt) {
        List<String> out = new ArrayList<>();
        for (String word : ClipPreTokenizer.words(prompt)) {
            if (word.equals(ClipPreTokenizer.BOS) || word.equals(ClipPreTokenizer.EOS)) {
                out.add(word);  // CLIP's bpe cache maps the special strings to themselves
            } else {
                out.addAll(bpe.apply(ByteLevel.encode(word)));
            }
        }
        return out;
    }

    public int bosId() {
        return bosId;
    }

    public int eosId() {
        return eosId;
    }

    public int vocabSize() {
        return vocab.size();
    }

    private List<Integer> contentIds(String prompt) {
        List<Integer> ids = new ArrayList<>();
        for (String token : tokens(prompt)) {
            Integer id = vocab.get(token);
            if (id == null) {
                throw new IllegalArgumentException("BPE token \"" + token + "\" (from prompt \"" + prompt
                        + "\") is not in the CLIP vocab; is vocab.json complete and does it match merges.txt?");
            }
            ids.add(id);
        }
        return ids;
    }

    private int requireSpecial(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException("CLIP vocab has no " + token + " entry");
        }
        return id;
    }
}
