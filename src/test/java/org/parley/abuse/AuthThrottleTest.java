package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final AuthThrottle throttle = new AuthThrottle(
            new AuthThrottle.Policy(3, Duration.ofSeconds(1), 6, Duration.ofMinutes(5), 100), clock);

    @Test
    void failuresBelowTheThresholdAreAnsweredAtOnce() {
        assertThat(throttle.failed("10.0.0.1", "alice")).isZero();
        assertThat(throttle.failed("10.0.0.1", "alice")).isZero();
        assertThat(throttle.lockedFor("10.0.0.1", "alice")).isEmpty();
    }

    @Test
    void thenTheAnswerIsDelayedDoublingEachTime() {
        throttle.failed("10.0.0.1", "alice");
        throttle.failed("10.0.0.1", "alice");

        assertThat(throttle.failed("10.0.0.1", "alice")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed("10.0.0.1", "alice")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed("10.0.0.1", "alice")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void thenAttemptsAreLockedOutUntilTheLockoutHasPassedSinceTheLastFailure() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("10.0.0.1", "alice");
        }

        assertThat(throttle.lockedFor("10.0.0.1", "alice")).contains(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("10.0.0.2", "alice")).as("the account, from anywhere").isPresent();
        assertThat(throttle.lockedFor("10.0.0.1", "bob")).as("the address, for any account").isPresent();
        assertThat(throttle.lockedFor("10.0.0.2", "bob")).isEmpty();
        now = T0.plus(Duration.ofMinutes(4));
        assertThat(throttle.lockedFor("10.0.0.1", "alice")).contains(Duration.ofMinutes(1));
        now = T0.plus(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("10.0.0.1", "alice")).isEmpty();
        assertThat(throttle.failed("10.0.0.1", "alice")).as("forgotten: counting starts again").isZero();
    }

    @Test
    void sprayingManyAccountsFromOneAddressIsCountedOnTheAddress() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("10.0.0.1", "user" + i);
        }

        assertThat(throttle.lockedFor("10.0.0.1", "someone-else")).isPresent();
        assertThat(throttle.lockedFor("10.0.0.9", "user0")).isEmpty();
    }

    @Test
    void successClearsTheAccountButNotTheAddress() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("10.0.0.1", "alice");
        }

        throttle.succeeded("alice");

        assertThat(throttle.lockedFor("10.0.0.2", "alice")).isEmpty();
        assertThat(throttle.lockedFor("10.0.0.1", "carol")).isPresent();
    }

    @Test
    void noAccountNamedCountsOnTheAddressOnly() {
        assertThat(throttle.failed("10.0.0.1", null)).isZero();
        assertThat(throttle.size()).isEqualTo(1);
    }

    @Test
    void theDelayIsCapped() {
        AuthThrottle slow = new AuthThrottle(
                new AuthThrottle.Policy(1, Duration.ofSeconds(10), 100, Duration.ofMinutes(5), 100), clock);
        for (int i = 0; i < 50; i++) {
            assertThat(slow.failed("10.0.0.1", "alice")).isLessThanOrEqualTo(AuthThrottle.MAX_DELAY);
        }
    }

    @Test
    void memoryIsBoundedByDroppingTheLeastRecentlyFailed() {
        AuthThrottle small = new AuthThrottle(
                new AuthThrottle.Policy(3, Duration.ofSeconds(1), 6, Duration.ofMinutes(5), 10), clock);
        for (int i = 0; i < 100; i++) {
            small.failed("10.0.0." + i, "user" + i);
        }

        assertThat(small.size()).isEqualTo(10);
    }
}
