package org.parley.streammgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Counter32Test {

    @Test
    void nextWrapsAfterMax() {
        assertThat(Counter32.next(0)).isEqualTo(1);
        assertThat(Counter32.next(Counter32.MAX)).isZero();
        assertThat(Counter32.plus(Counter32.MAX, 3)).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"0, 0, 0", "5, 7, 2", "4294967295, 0, 1", "4294967290, 3, 9", "7, 5, 4294967294"})
    void distanceIsModulo2To32(long from, long to, long distance) {
        assertThat(Counter32.distance(from, to)).isEqualTo(distance);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "42, 42", "4294967295, 4294967295"})
    void parsesUnsignedInts(String text, long value) {
        assertThat(Counter32.parse(text)).isEqualTo(OptionalLong.of(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "4294967296", "+1", "1.0", " 1", "99999999999", "0x10"})
    void refusesWhatIsNotAnUnsignedInt(String text) {
        assertThat(Counter32.parse(text)).isEmpty();
    }

    @Test
    void refusesAbsent() {
        assertThat(Counter32.parse(null)).isEmpty();
    }
}
