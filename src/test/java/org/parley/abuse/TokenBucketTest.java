package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstPassesWithoutPause() {
        TokenBucket bucket = new TokenBucket(1000, 4000, 0);

        assertThat(bucket.take(4000, 0)).isZero();
    }

    @Test
    void debtIsPaidAtTheRate() {
        TokenBucket bucket = new TokenBucket(1000, 4000, 0);

        assertThat(bucket.take(6000, 0)).as("2000 bytes over at 1000/s").isEqualTo(2 * SECOND);
        assertThat(bucket.take(0, 2 * SECOND)).isZero();
        assertThat(bucket.take(500, 2 * SECOND)).isEqualTo(SECOND / 2);
    }

    @Test
    void savingsAreCappedAtTheBurst() {
        TokenBucket bucket = new TokenBucket(1000, 4000, 0);
        bucket.take(4000, 0);

        assertThat(bucket.take(4000, 100 * SECOND)).as("refilled to the burst, not beyond").isZero();
        assertThat(bucket.take(1000, 100 * SECOND)).isEqualTo(SECOND);
    }

    @Test
    void aSteadySenderAtTheRateNeverPauses() {
        TokenBucket bucket = new TokenBucket(1000, 1000, 0);
        for (int i = 1; i <= 100; i++) {
            assertThat(bucket.take(100, i * SECOND / 10)).isZero();
        }
    }
}
