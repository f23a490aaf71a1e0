package dev.snapfusion.bridge.quant;

import java.util.regex.Pattern;

/** Override patterns: {@code *} is any run of characters; a pattern also matches names below it at a dot. */
final class Patterns {
    private Patterns() {
    }

    static boolean matches(String pattern, String name) {
        if (name == null) return false;
        StringBuilder re = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) re.append(".*");
            re.append(Pattern.quote(parts[i]));
        }
        return Pattern.matches(re + "(\\..*)?", name);
    }
}
