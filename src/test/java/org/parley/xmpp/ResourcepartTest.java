package org.parley.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcepartTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "phone|phone",
        "Phone|Phone",
        "balcony window|balcony window",
        "a\u3000b|a b",
        "e\u0301|\u00e9",
        "home/office|home/office",
    })
    @DisplayName("RFC 7622 §3.4: OpaqueString keeps case, maps spaces to U+0020, applies NFC")
    void prepares(String requested, String expected) {
        assertThat(Resourcepart.prepare(requested)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u3000", "a\u0000b", "tab\tbed", "private\ue000use", "bad\ud800surrogate"})
    @DisplayName("RFC 6120 §7.7.2.1: a resourcepart that cannot be prepared is refused")
    void refuses(String requested) {
        assertThat(Resourcepart.prepare(requested)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void refusesOverLongResourcepart() {
        assertThat(Resourcepart.prepare("x".repeat(1023))).isPresent();
        assertThat(Resourcepart.prepare("\u00e9".repeat(512))).isEmpty();
    }
}
