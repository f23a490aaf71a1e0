package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuotingTest {
    /** A POSIX-sh word splitter for what ShellQuoting emits: bare words, '...' and \x. Refuses unquoted metachars. */
    private static List<String> shWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean in = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                if (in) words.add(w.toString());
                w.setLength(0);
                in = false;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                w.append(line, i + 1, end);
                i = end;
                in = true;
            } else if (c == '\\') {
                w.append(line.charAt(++i));
                in = true;
            } else {
                assertThat(";|&$`<>()\n\"*?[]{}~#!").as("unquoted metachar in " + line).doesNotContain(String.valueOf(c));
                w.append(c);
                in = true;
            }
        }
        if (in) words.add(w.toString());
        return words;
    }

    @Test
    void quote_plainPath_staysBare() {
        assertThat(ShellQuoting.quote("/data/local/tmp/snapfusion/bundles/sd15-int8/unet.tflite"))
                .isEqualTo("/data/local/tmp/snapfusion/bundles/sd15-int8/unet.tflite");
    }

    @Test
    void quote_semicolonCommand_isSingleQuoted() {
        assertThat(ShellQuoting.quote("/tmp/a; touch x")).isEqualTo("'/tmp/a; touch x'");
    }

    @Test
    void quote_embeddedSingleQuote_isClosedEscapedReopened() {
        assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void quote_empty_isEmptyQuotes() {
        assertThat(ShellQuoting.quote("")).isEqualTo("''");
    }

    @Test
    void command_metacharacterTokens_roundTripAsLiteralWords() {
        List<String> argv = List.of("ls", "/a; rm -rf /", "$(reboot)", "`id`", "a|b", "x&y", "<in", ">out", "(sub)",
                "line\nbreak", "it's \"quoted\"", "*.tflite", "~root", "#comment", "a b\tc", "");
        String cmd = ShellQuoting.command(argv);
        assertThat(shWords(cmd)).containsExactlyElementsOf(argv);
    }

    @Test
    void command_leadingAssignment_keepsNameBareAndQuotesValue() {
        String cmd = ShellQuoting.command(List.of("CLASSPATH=/data/x y.jar", "app_process", "/", "Main"));
        assertThat(cmd).isEqualTo("CLASSPATH='/data/x y.jar' app_process / Main");
        assertThat(ShellQuoting.command(List.of("CLASSPATH=/data/r.jar", "app_process")))
                .isEqualTo("CLASSPATH=/data/r.jar app_process");
    }

    @Test
    void command_assignmentLookalikeAfterCommand_isAWholeQuotedWord() {
        assertThat(ShellQuoting.command(List.of("echo", "A=$(id)"))).isEqualTo("echo 'A=$(id)'");
    }

    @Test
    void command_empty_isRefused() {
        assertThatThrownBy(() -> ShellQuoting.command(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
