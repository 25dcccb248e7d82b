package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SaslPrepTest {

    /** Input and output are written as Java escapes, so the table shows exactly which code points are involved. */
    @ParameterizedTest(name = "[{index}] {2}")
    @DisplayName("RFC 4013 §3 examples, and the mapping tables")
    @CsvSource(delimiter = '|', textBlock = """
            I\\u00ADX            | IX             | RFC 4013 §3 #1: SOFT HYPHEN mapped to nothing
            user                 | user           | RFC 4013 §3 #2: no transformation
            USER                 | USER           | RFC 4013 §3 #3: case preserved
            \\u00AA              | a              | RFC 4013 §3 #4: NFKC
            \\u2168              | IX             | RFC 4013 §3 #5: NFKC
            a\\u00A0b            | a b            | C.1.2 NO-BREAK SPACE to SPACE
            a\\u3000b\\u2003c    | a b c          | C.1.2 IDEOGRAPHIC SPACE, EM SPACE to SPACE
            a\\u200Bb            | ab             | B.1 ZERO WIDTH SPACE mapped to nothing
            a\\uFE0Fb\\uFEFF     | ab             | B.1 variation selector, BOM mapped to nothing
            pa\\u0308ss          | p\\u00E4ss     | NFKC composes
            \\uFB01x             | fix            | NFKC expands the fi ligature
            p\\u00E4ssw\\u00F6rd\\u20AC\\u4E2D\\u6587 | p\\u00E4ssw\\u00F6rd\\u20AC\\u4E2D\\u6587 | non-ASCII passes
            \\uD83D\\uDE00x      | \\uD83D\\uDE00x | a supplementary character passes
            \\u0627\\u0628       | \\u0627\\u0628 | right-to-left only
            \\u06271\\u0628      | \\u06271\\u0628 | right-to-left around a digit
            """)
    void maps(String input, String expected, String why) {
        assertThat(SaslPrep.prepare(unescape(input))).isEqualTo(unescape(expected));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @DisplayName("RFC 4013 §2.3 prohibited output and §2.4 bidi")
    @CsvSource(delimiter = '|', textBlock = """
            \\u0007              | control character        | RFC 4013 §3 #6: C.2.1
            a\\u0000b            | control character        | C.2.1 NUL
            a\\u007F             | control character        | C.2.1 DEL
            a\\u0085             | control character        | C.2.2 NEL
            a\\u2028             | control character        | C.2.2 LINE SEPARATOR
            a\\uE000             | private-use              | C.3
            a\\uDB80\\uDC00      | private-use              | C.3 plane 15
            a\\uFDD0             | non-character            | C.4
            a\\uFFFF             | non-character            | C.4
            a\\uD83F\\uDFFE      | non-character            | C.4 U+1FFFE
            a\\uD800b            | unpaired surrogate       | C.5 high
            a\\uDC00             | unpaired surrogate       | C.5 low
            a\\uFFFD             | replacement              | C.6
            a\\u2FF0             | ideographic description  | C.7
            a\\u200E             | direction                | C.8 LRM
            a\\u202E             | direction                | C.8 RLO
            a\\uDB40\\uDC01      | language tag             | C.9 U+E0001
            a\\u0378             | does not assign          | A.1 unassigned
            \\u06271             | must begin and end       | RFC 4013 §3 #7: bidi, RandALCat not last
            \\u0627a\\u0628      | mixes                    | bidi: RandALCat with LCat
            """)
    void rejects(String input, String messagePart, String why) {
        assertThatThrownBy(() -> SaslPrep.prepare(unescape(input)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(messagePart)
                .hasMessageStartingWith("the password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(unescape(input)));
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\u", i)) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }
}
