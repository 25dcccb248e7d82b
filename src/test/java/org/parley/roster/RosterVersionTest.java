package org.parley.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code ver} format: {@code <generation>-<counter>}, and nothing else parses (RFC 6121 §2.1.1, §2.6). */
class RosterVersionTest {

    @Test
    @DisplayName("RFC 6121 §2.1.1: the ver \"MUST be generated only by the server\": what ver() writes parses back")
    void theFormatRoundTrips() {
        List<Long> generations = List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL);
        List<Long> counters = List.of(0L, 42L, Long.MAX_VALUE);
        for (long generation : generations) {
            for (long counter : counters) {
                RosterVersion version = new RosterVersion(generation, counter);
                assertThat(RosterVersion.parse(version.ver())).as(version.ver()).contains(version);
            }
        }
    }

    @Test
    void theGenerationIsElevenUrlSafeCharactersThenTheCounterInDecimal() {
        assertThat(new RosterVersion(0, 0).ver()).isEqualTo("AAAAAAAAAAA-0");
        assertThat(new RosterVersion(1, 17).ver()).isEqualTo("AAAAAAAAAAE-17");
        assertThat(new RosterVersion(-1, 5).ver()).as("base64url may itself contain '-' and '_'")
                .isEqualTo("__________8-5");
        assertThat(new RosterVersion(0xfbefbefbefbefbefL, 5).ver()).isEqualTo("----------8-5");
        assertThat(new RosterVersion(0x0123456789abcdefL, 3).ver()).matches("[A-Za-z0-9_-]{11}-3");
    }

    @Test
    void aNegativeCounterIsNoVersion() {
        assertThatThrownBy(() -> new RosterVersion(7, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "ver=''{0}''")
    @ValueSource(strings = {
        "", "0", "5", "17", "-1",                              // the plain counters Parley issued before
        "AAAAAAAAAAA", "AAAAAAAAAAA-", "AAAAAAAAAAA--1",       // no counter, or a signed one
        "AAAAAAAAAAA-01", "AAAAAAAAAAA-+1", "AAAAAAAAAAA-1 ", " AAAAAAAAAAA-1", "AAAAAAAAAAA-1a",
        "AAAAAAAAAAA-9223372036854775808", "AAAAAAAAAAA-99999999999999999999",
        "AAAAAAAAAAA_1", "AAAAAAAAAAA.1",                      // another separator
        "AAAAAAAAAA-1", "AAAAAAAAAAAA-1",                      // a token of 10 or 12 characters
        "AAAAAAAAAAB-1", "AAAAAAAAAAF-1",                      // spare bits set: not the spelling ver() writes
        "AAAAAAAAAA=-1", "AAAAAAAAAA+-1", "AAAAAAAAAA/-1",     // padding, or the standard alphabet
        "AAAAAAAAAAé-1", "AAAAAAAAAA\u0000-1"})
    @DisplayName("RFC 6121 §2.6.3: anything but what ver() writes is a version the server \"cannot associate ... with"
            + " any previous version it has on file\"")
    void anythingElseDoesNotParse(String ver) {
        assertThat(RosterVersion.parse(ver)).isEmpty();
    }

    @Test
    void nullDoesNotParse() {
        assertThat(RosterVersion.parse(null)).isEmpty();
    }
}
