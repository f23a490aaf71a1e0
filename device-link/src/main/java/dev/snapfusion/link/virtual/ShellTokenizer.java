package dev.snapfusion.link.virtual;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell command line into words the way a POSIX shell would for plain commands: single quotes, double
 * quotes and backslash escapes. Anything that would make a real shell do more than run one command (separators,
 * pipes, redirections, substitutions, globs, comments, newlines) is refused rather than interpreted, so nothing
 * the host sends can reach a host shell or run a second command. Stateless, thread-safe.
 */
final class ShellTokenizer {
    /** Unquoted characters that a real shell would interpret. */
    private static final String META = ";|&$`<>()\n\r*?[]{}~";

    private ShellTokenizer() {
    }

    static List<String> tokenize(String line) throws NotAllowedException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) throw new NotAllowedException("unterminated single quote");
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) throw new NotAllowedException("trailing backslash");
                char next = line.charAt(i + 1);
                if (next == '\n') throw new NotAllowedException("line continuation");
                word.append(next);
                inWord = true;
                i += 2;
            } else if (c == '#' && !inWord) {
                throw new NotAllowedException("comment '#'");
            } else if (META.indexOf(c) >= 0) {
                throw new NotAllowedException("shell metacharacter '" + printable(c) + "'");
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }

    /** Reads up to the closing quote; $ and ` keep their meaning inside double quotes in a real shell, so they are refused. */
    private static int doubleQuoted(String line, int i, StringBuilder word) throws NotAllowedException {
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '"') return i + 1;
            if (c == '$' || c == '`') throw new NotAllowedException("shell metacharacter '" + c + "' inside double quotes");
            if (c == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\n') {
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new NotAllowedException("unterminated double quote");
    }

    private static String printable(char c) {
        return c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.valueOf(c);
    }

    /** The command line was refused; the message says why (without echoing the whole line). */
    static final class NotAllowedException extends Exception {
        NotAllowedException(String message) {
            super(message);
        }
    }
}
