package dev.snapfusion.runner.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClipTokenizerTest {
    /** Independent re-derivation of CLIP's byte → base-id table from the three printable ranges. */
    static int baseId(int b) {
        if (b >= 0x21 && b <= 0x7E) {
            return b - 0x21;                       // 94 entries
        }
        if (b >= 0xA1 && b <= 0xAC) {
            return 94 + (b - 0xA1);                // 12 entries
        }
        if (b >= 0xAE && b <= 0xFF) {
            return 106 + (b - 0xAE);               // 82 entries -> 188 printable
        }
        if (b <= 0x20) {
            return 188 + b;                        // 0x00..0x20
        }
        if (b == 0x7F) {
            return 221;
        }
        if (b >= 0x80 && b <= 0xA0) {
            return 222 + (b - 0x80);
        }
        return 255;                                // 0xAD
    }

    static int endId(int b) {
        return 256 + baseId(b);
    }

    /** Vocab: 256 symbols, 256 with </w>, then merge results in order, then BOS, EOS. */
    static Map<String, Integer> vocab(List<String> merges) {
        Map<String, Integer> v = new LinkedHashMap<>();
        int[] order = ByteLevel.bytesInVocabOrder();
        for (int b : order) {
            v.put(String.valueOf(ByteLevel.symbol(b)), v.size());
        }
        for (int b : order) {
            v.put(ByteLevel.symbol(b) + "</w>", v.size());
        }
        for (String m : merges) {
            v.putIfAbsent(m.replace(" ", ""), v.size());
        }
        v.put("<|startoftext|>", v.size());
        v.put("<|endoftext|>", v.size());
        return v;
    }

    static ClipTokenizer tokenizer(String... merges) {
        return new ClipTokenizer(vocab(List.of(merges)), List.of(merges));
    }

    static int[] expected(int bos, int eos, int length, int... content) {
        int[] ids = new int[length];
        Arrays.fill(ids, eos);
        ids[0] = bos;
        System.arraycopy(content, 0, ids, 1, content.length);
        ids[content.length + 1] = eos;
        return ids;
    }

    @Test
    void byteLevel_vocabOrder_matchesHandDerivedTable() {
        int[] order = ByteLevel.bytesInVocabOrder();
        for (int id = 0; id < 256; id++) {
            assertThat(baseId(order[id])).as("byte %d", order[id]).isEqualTo(id);
        }
        assertThat(ByteLevel.symbol(' ')).isEqualTo('\u0120');  // GPT-2's famous "Ġ"
        assertThat(ByteLevel.symbol(0)).isEqualTo('\u0100');
        assertThat(ByteLevel.symbol('a')).isEqualTo('a');
    }

    @Test
    void encode_noMerges_everyByteIsOneSymbolWithEndOfWordOnLast() {
        ClipTokenizer tok = tokenizer();
        assertThat(tok.bosId()).isEqualTo(512);
        assertThat(tok.eosId()).isEqualTo(513);
        // "a</w>" is 320 in the real CLIP vocab as well
        assertThat(tok.encode("a", 5)).containsExactly(512, 320, 513, 513, 513);
        assertThat(tok.encode("cat", 6)).containsExactly(512, baseId('c'), baseId('a'), endId('t'), 513, 513);
    }

    @Test
    void encode_trickyPrompts_matchHandDerivation() {
        ClipTokenizer tok = tokenizer();
        Object[][] table = {
            // prompt, expected content ids
            {"don't", new int[] {baseId('d'), baseId('o'), endId('n'), baseId('\''), endId('t')}},
            {"It's", new int[] {baseId('i'), endId('t'), baseId('\''), endId('s')}},
            {"hi, you!!", new int[] {baseId('h'), endId('i'), endId(','), baseId('y'), baseId('o'), endId('u'),
                baseId('!'), endId('!')}},
            {"1234", new int[] {endId('1'), endId('2'), endId('3'), endId('4')}},
            {"x2", new int[] {endId('x'), endId('2')}},
            // é = C3 A9; 東 = E6 9D B1; 京 = E4 BA AC; letters stay one word across both scripts' boundaries
            {"café 東京", new int[] {baseId('c'), baseId('a'), baseId('f'), baseId(0xC3), endId(0xA9),
                baseId(0xE6), baseId(0x9D), baseId(0xB1), baseId(0xE4), baseId(0xBA), endId(0xAC)}},
            {"a-b", new int[] {endId('a'), endId('-'), endId('b')}},
        };
        for (Object[] row : table) {
            int[] content = (int[]) row[1];
            assertThat(tok.encode((String) row[0], 20)).as("prompt %s", row[0])
                    .containsExactly(expected(512, 513, 20, content));
        }
        // spot values written out by hand from the ranges: Ã (0xC3) = 106 + 21, ©</w> (0xA9) = 256 + 94 + 8
        assertThat(baseId(0xC3)).isEqualTo(127);
        assertThat(endId(0xA9)).isEqualTo(358);
        assertThat(baseId(0x9D)).isEqualTo(251);
    }

    @Test
    void encode_whitespaceAndCase_areNormalised() {
        ClipTokenizer tok = tokenizer();
        assertThat(tok.encode("  A\tPhoto\n\n OF\u00a0\u3000 ", 77)).containsExactly(tok.encode("a photo of", 77));
    }

    @Test
    void encode_emptyOrBlankPrompt_isBosThenEosPadding() {
        ClipTokenizer tok = tokenizer();
        int[] expectedIds = expected(512, 513, 77);
        assertThat(tok.encode("", 77)).containsExactly(expectedIds);
        assertThat(tok.encode(" \t\n", 77)).containsExactly(expectedIds);
    }

    @Test
    void encode_overLongPrompt_truncatesKeepingEosLast() {
        ClipTokenizer tok = tokenizer();
        int[] ids = tok.encode("a ".repeat(100), 77);
        assertThat(ids).hasSize(77);
        assertThat(ids[0]).isEqualTo(512);
        assertThat(Arrays.copyOfRange(ids, 1, 76)).containsOnly(320);
        assertThat(ids[76]).isEqualTo(513);
        // exactly 75 content tokens fit without truncation
        int[] exact = tok.encode("a ".repeat(75), 77);
        assertThat(exact).containsExactly(ids);
    }

    @Test
    void encode_mergesApplyByRankNotByPosition() {
        ClipTokenizer bcFirst = tokenizer("b c</w>", "a b");
        ClipTokenizer abFirst = tokenizer("a b", "b c</w>");
        assertThat(bcFirst.tokens("abc")).containsExactly("a", "bc</w>");
        assertThat(abFirst.tokens("abc")).containsExactly("ab", "c</w>");
    }

    @Test
    void encode_chainedMerges_produceWholeWordToken() {
        ClipTokenizer tok = tokenizer("h e", "l l", "he ll", "hell o</w>");
        assertThat(tok.tokens("hello hell")).containsExactly("hello</w>", "he", "l", "l</w>");
        int[] ids = tok.encode("hello", 4);
        // merge results are ids 512.. in order: he=512, ll=513, hell=514, hello</w>=515; BOS 516, EOS 517
        assertThat(ids).containsExactly(516, 515, 517, 517);
    }

    @Test
    void encode_repeatedPairs_mergeLeftToRightWithoutOverlap() {
        ClipTokenizer tok = tokenizer("a a");
        assertThat(tok.tokens("aaa")).containsExactly("aa", "a</w>");
        assertThat(tok.tokens("aaaa")).containsExactly("aa", "a", "a</w>");
    }

    @Test
    void encode_specialTokensInText_mapToTheirIds() {
        ClipTokenizer tok = tokenizer();
        assertThat(tok.encode("a <|endoftext|>", 5)).containsExactly(512, 320, 513, 513, 513);
    }

    @Test
    void encode_tokenMissingFromVocab_throwsNamingIt() {
        Map<String, Integer> v = vocab(List.of());
        ClipTokenizer tok = new ClipTokenizer(v, List.of("c a", "ca t</w>"));
        assertThatThrownBy(() -> tok.encode("cat", 77))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"cat</w>\"");
    }

    @Test
    void encode_maxLengthBelowTwo_isRejected() {
        assertThatThrownBy(() -> tokenizer().encode("a", 1)).hasMessageContaining("maxLength");
    }

    @Test
    void load_hfFiles_skipsVersionHeaderAndRanksByLineOrder(@TempDir Path dir) throws IOException {
        List<String> merges = List.of("c a", "ca t</w>");
        File vocabFile = dir.resolve("vocab.json").toFile();
        new ObjectMapper().writeValue(vocabFile, vocab(merges));
        File mergesFile = dir.resolve("merges.txt").toFile();
        List<String> lines = new ArrayList<>();
        lines.add("#version: 0.2");
        lines.addAll(merges);
        Files.write(mergesFile.toPath(), lines, StandardCharsets.UTF_8);

        ClipTokenizer tok = ClipTokenizer.load(vocabFile, mergesFile);
        assertThat(tok.tokens("cat cats")).containsExactly("cat</w>", "ca", "t", "s</w>");
        assertThat(tok.encode("cat", 3)).containsExactly(514, 513, 515);
        assertThat(tok.vocabSize()).isEqualTo(516);
    }

    @Test
    void load_vocabWithoutSpecialTokens_failsNamingFileAndToken(@TempDir Path dir) throws IOException {
        File vocabFile = dir.resolve("vocab.json").toFile();
        Files.writeString(vocabFile.toPath(), "{\"a\": 0}");
        File mergesFile = dir.resolve("merges.txt").toFile();
        Files.writeString(mergesFile.toPath(), "#version: 0.2\n");
        assertThatThrownBy(() -> ClipTokenizer.load(vocabFile, mergesFile))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("vocab.json")
                .hasMessageContaining("<|startoftext|>");
    }

    @Test
    void load_malformedMergeLine_failsNamingLine(@TempDir Path dir) throws IOException {
        File vocabFile = dir.resolve("vocab.json").toFile();
        new ObjectMapper().writeValue(vocabFile, vocab(List.of()));
        File mergesFile = dir.resolve("merges.txt").toFile();
        Files.writeString(mergesFile.toPath(), "#version: 0.2\na b c\n");
        assertThatThrownBy(() -> ClipTokenizer.load(vocabFile, mergesFile))
                .hasMessageContaining("merges.txt line 2");
    }
}
