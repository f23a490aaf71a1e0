package dev.snapfusion.runner.text;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2/CLIP byte-level alphabet: every byte 0..255 gets a printable unicode symbol, so BPE never meets an
 * unknown character. The byte order below ({@link #bytesInVocabOrder()}) is the order in which CLIP's vocab
 * lists the 256 base symbols (printable Latin-1 ranges first, then the rest mapped to U+0100 onwards).
 * Stateless and thread-safe.
 */
public final class ByteLevel {
    private static final int[] VOCAB_ORDER = new int[256];
    private static final char[] BYTE_TO_SYMBOL = new char[256];
    private static final int[] SYMBOL_TO_BYTE = new int[512];

    static {
        boolean[] printable = new boolean[256];
        int k = 0;
        for (int[] range : new int[][] {{'!', '~'}, {0xA1, 0xAC}, {0xAE, 0xFF}}) {
            for (int b = range[0]; b <= range[1]; b++) {
                printable[b] = true;
                VOCAB_ORDER[k++] = b;
                BYTE_TO_SYMBOL[b] = (char) b;
            }
        }
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                VOCAB_ORDER[k++] = b;
                BYTE_TO_SYMBOL[b] = (char) (256 + shifted++);
            }
        }
        java.util.Arrays.fill(SYMBOL_TO_BYTE, -1);
        for (int b = 0; b < 256; b++) {
            SYMBOL_TO_BYTE[BYTE_TO_SYMBOL[b]] = b;
        }
    }

    private ByteLevel() {
    }

    /** The symbol standing for byte {@code b} (0..255). */
    public static char symbol(int b) {
        return BYTE_TO_SYMBOL[b & 0xFF];
    }

    /** Byte values in the order CLIP's vocab.json lists their symbols (ids 0..255, and 256..511 with {@code </w>}). */
    public static int[] bytesInVocabOrder() {
        return VOCAB_ORDER.clone();
    }

    /** UTF-8 encodes {@code text} and maps every byte to its symbol. */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = BYTE_TO_SYMBOL[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    /** Inverse of {@link #encode}: maps symbols back to bytes and decodes UTF-8. */
    public static String decode(String symbols) {
        byte[] bytes = new byte[symbols.length()];
        for (int i = 0; i < symbols.length(); i++) {
            char c = symbols.charAt(i);
            int b = c < SYMBOL_TO_BYTE.length ? SYMBOL_TO_BYTE[c] : -1;
            if (b < 0) {
                throw new IllegalArgumentException("not a byte-level symbol: U+" + Integer.toHexString(c));
            }
            bytes[i] = (byte) b;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
