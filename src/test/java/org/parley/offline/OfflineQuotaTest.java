package org.parley.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfflineQuotaTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "Grüße", "例え", "😀 emoji", "mixed ü 例 😀 a",
        "\u0000\u007f\u0080\u07ff\u0800\uffff", "lone high \ud83d end", "lone low \ude00 end",
        "\ude00\ud83d reversed pair"})
    void sizeOfIsTheUtf8EncodedLength(String text) {
        assertThat(OfflineQuota.sizeOf(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void limitsAreInclusive() {
        OfflineQuota quota = new OfflineQuota(3, 100);

        assertThat(quota.admits(2, 90, 10)).isTrue();
        assertThat(quota.admits(3, 0, 1)).isFalse();
        assertThat(quota.admits(2, 91, 10)).isFalse();
        assertThat(quota.admits(0, 0, 100)).isTrue();
        assertThat(quota.admits(0, 0, 101)).isFalse();
    }

    @Test
    void hugeNumbersDoNotOverflowIntoAdmission() {
        OfflineQuota unlimited = new OfflineQuota(Integer.MAX_VALUE, Long.MAX_VALUE);

        assertThat(unlimited.admits(0, Long.MAX_VALUE - 5, 5)).isTrue();
        assertThat(unlimited.admits(0, Long.MAX_VALUE - 5, 6)).isFalse();
        assertThat(unlimited.admits(Integer.MAX_VALUE, 0, 1)).isFalse();
    }

    @Test
    void zeroTurnsStorageOff() {
        assertThat(new OfflineQuota(0, 1000).admits(0, 0, 1)).isFalse();
        assertThat(new OfflineQuota(10, 0).admits(0, 0, 1)).isFalse();
    }

    @Test
    void negativeLimitsAreRefused() {
        assertThatThrownBy(() -> new OfflineQuota(-1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new OfflineQuota(10, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
