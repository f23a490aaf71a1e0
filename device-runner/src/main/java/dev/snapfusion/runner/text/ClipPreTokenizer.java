package dev.snapfusion.runner.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's text cleaning and pre-tokenization (openai/CLIP simple_tokenizer without ftfy): collapse whitespace runs
 * to one space, strip, lower-case, then split with CLIP's regex. Stateless and thread-safe.
 */
public final class ClipPreTokenizer {
    static final String BOS = "<|startoftext|>";
    static final String EOS = "<|endoftext|>";

    // After clean() the only whitespace left is ' ', so Java's ASCII \s equals Python's unicode \s here; this keeps
    // the pattern free of UNICODE_CHARACTER_CLASS, which Android's ICU regex does not honour the same way.
    private static final Pattern WORDS = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE);

    private ClipPreTokenizer() {
    }

    /** Whitespace collapse + strip + lower-case, as CLIP does before splitting. */
    public static String clean(String prompt) {
        StringBuilder sb = new StringBuilder(prompt.length());
        boolean pendingSpace = false;
        for (int i = 0; i < prompt.length(); i++) {
            char c = prompt.charAt(i);
            if (isPythonSpace(c)) {
                pendingSpace = sb.length() > 0;
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** The pre-tokens ("words") of a prompt after {@link #clean}; BPE runs on each separately. */
    public static List<String> words(String prompt) {
        Matcher m = WORDS.matcher(clean(prompt));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    // Python's str.isspace(): Zs/Zl/Zp plus the bidi whitespace/separator controls (\t..\r, \x1c..\x1f, \x85).
    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
