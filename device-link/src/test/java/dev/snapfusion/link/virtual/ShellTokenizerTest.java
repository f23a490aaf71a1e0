package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellTokenizerTest {
    @Test
    void tokenize_plainWords_splitOnBlanks() throws Exception {
        assertThat(ShellTokenizer.tokenize("  ls   -l\t/data/local/tmp ")).containsExactly("ls", "-l", "/data/local/tmp");
        assertThat(ShellTokenizer.tokenize("")).isEmpty();
    }

    @Test
    void tokenize_quotes_keepSpacesAndJoinAdjacent() throws Exception {
        assertThat(ShellTokenizer.tokenize("echo 'a b' \"c d\" e'f'\"g\"")).containsExactly("echo", "a b", "c d", "efg");
        assertThat(ShellTokenizer.tokenize("echo '' \"\"")).containsExactly("echo", "", "");
    }

    @Test
    void tokenize_quotedMetacharacters_areLiteral() throws Exception {
        assertThat(ShellTokenizer.tokenize("echo 'a; b | c && $(d) `e` > f'")).containsExactly("echo", "a; b | c && $(d) `e` > f");
        assertThat(ShellTokenizer.tokenize("echo \"x;y|z&(w)<>\"")).containsExactly("echo", "x;y|z&(w)<>");
    }

    @Test
    void tokenize_backslashEscapes_literal() throws Exception {
        assertThat(ShellTokenizer.tokenize("echo a\\ b \\; \\$HOME")).containsExactly("echo", "a b", ";", "$HOME");
        assertThat(ShellTokenizer.tokenize("echo \"q\\\"q \\\\ \\n\"")).containsExactly("echo", "q\"q \\ \\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo hi; touch /data/local/tmp/pwned", "echo hi | cat", "echo hi & true", "echo $HOME",
        "echo `id`", "echo $(id)", "cat < /etc/passwd", "echo hi > /data/local/tmp/x", "(echo hi)", "echo hi\ntouch x",
        "rm -rf /data/local/tmp/*", "echo ~", "echo {a,b}", "echo hi # comment", "echo \"$HOME\"", "echo \"`id`\""})
    void tokenize_unquotedMetacharacter_refused(String line) {
        assertThatThrownBy(() -> ShellTokenizer.tokenize(line)).isInstanceOf(ShellTokenizer.NotAllowedException.class);
    }

    @Test
    void tokenize_unterminatedQuotes_refused() {
        assertThatThrownBy(() -> ShellTokenizer.tokenize("echo 'abc")).hasMessageContaining("unterminated single quote");
        assertThatThrownBy(() -> ShellTokenizer.tokenize("echo \"abc")).hasMessageContaining("unterminated double quote");
        assertThatThrownBy(() -> ShellTokenizer.tokenize("echo abc\\")).hasMessageContaining("trailing backslash");
    }

    @Test
    void tokenize_hashInsideWord_literal() throws Exception {
        assertThat(ShellTokenizer.tokenize("echo a#b")).containsExactly("echo", "a#b");
    }
}
