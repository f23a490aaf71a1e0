package dev.snapfusion.link;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns studio-controlled argv tokens into one command line for the device's /system/bin/sh. Every
 * token that is not made only of safe characters is put in single quotes, with each embedded quote
 * written as {@code '\''}, so metacharacters stay literal. Leading {@code NAME=value} tokens are
 * environment assignments (as in sh): the name stays bare and only the value is quoted.
 * User text (prompts) never goes through here: it goes into files. Stateless; thread-safe.
 */
final class ShellQuoting {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);

    private ShellQuoting() {
    }

    static String quote(String token) {
        if (SAFE.matcher(token).matches()) return token;
        return "'" + token.replace("'", "'\\''") + "'";
    }

    static String command(List<String> argv) {
        if (argv.isEmpty()) throw new IllegalArgumentException("empty command");
        StringBuilder sb = new StringBuilder();
        boolean leading = true;
        for (String token : argv) {
            if (sb.length() > 0) sb.append(' ');
            var m = ASSIGNMENT.matcher(token);
            if (leading && m.matches()) {
                sb.append(m.group(1)).append('=').append(quote(m.group(2)));
            } else {
                leading = false;
                sb.append(quote(token));
            }
        }
        return sb.toString();
    }
}
