package dev.snapfusion.studio.generate;

import java.util.Locale;

/**
 * Reads the numeric fields of the Generate form. A blank field means "the bundle's default"; anything
 * else that is not a number is refused with a message naming the field and the text.
 */
final class GenerateInputs {
    private GenerateInputs() {
    }

    static long seed(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) return 42;
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Seed “" + t + "” is not a whole number; use e.g. 42.");
        }
    }

    /** 0 asks for the bundle's default number of steps. */
    static int steps(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) return 0;
        try {
            int n = Integer.parseInt(t);
            if (n < 1 || n > 1000) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Steps “" + t + "” must be a whole number from 1 to 1000, or empty "
                    + "for the bundle's default.");
        }
    }

    /** -1 asks for the bundle's default guidance scale. */
    static double cfg(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) return -1;
        try {
            double v = Double.parseDouble(t.replace(',', '.'));
            if (!(v >= 0 && v <= 50)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CFG “" + t + "” must be a number from 0 to 50 (e.g. 7.5), or empty "
                    + "for the bundle's default.");
        }
    }

    static String ms(double ms) {
        return ms >= 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }
}
