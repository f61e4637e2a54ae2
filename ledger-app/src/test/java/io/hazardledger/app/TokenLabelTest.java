package io.hazardledger.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A token's label is shown by {@code token list}: nothing in it may act on the terminal or reorder what it shows. */
class TokenLabelTest {

    @Test
    void controlLineBreakAndFormatCharacters_areUnprintable_andShownEscaped() {
        for (int c : new int[] {0x1b, 0x0a, 0x7f, 0x85, 0x202e, 0x2066, 0x2028, 0x2029, 0x200b}) {
            assertThat(TokenCommands.unprintable(c)).as(Integer.toHexString(c)).isTrue();
        }
        assertThat(TokenCommands.unprintable('a')).isFalse();
        assertThat(TokenCommands.unprintable(0x5de1)).as("巡").isFalse();
        assertThat(TokenCommands.printable("ops\u001b[31m \u202eRED")).isEqualTo("ops\\u001b[31m \\u202eRED");
        assertThat(TokenCommands.printable("巡检 ops")).isEqualTo("巡检 ops");
    }
}
