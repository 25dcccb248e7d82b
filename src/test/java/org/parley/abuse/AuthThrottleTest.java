package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
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

    /** Back-off after 3, lockout of an address or pair after 6, of an account (from failing addresses) after 20. */
    private static final AuthThrottle.Policy POLICY = new AuthThrottle.Policy(3, Duration.ofSeconds(1), 6,
            Duration.ofMinutes(5), 20, Duration.ofDays(30), 100);

    private final AuthThrottle throttle = new AuthThrottle(POLICY, clock);

    private void fail(String address, String user, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address, user);
        }
    }

    @Test
    void failuresBelowTheThresholdAreAnsweredAtOnce() {
        assertThat(throttle.failed("10.0.0.1", "alice")).isZero();
        assertThat(throttle.failed("10.0.0.1", "alice")).isZero();
        assertThat(throttle.lockedFor("10.0.0.1", "alice")).isEmpty();
    }

    @Test
    void thenTheAnswerIsDelayedDoublingEachTime() {
        fail("10.0.0.1", "alice", 2);

        assertThat(throttle.failed("10.0.0.1", "alice")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed("10.0.0.1", "alice")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed("10.0.0.1", "alice")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theGuessingAddressIsLockedOutUntilTheLockoutHasPassedSinceItsLastFailure() {
        fail("10.0.0.1", "alice", 6);

        assertThat(throttle.lockedFor("10.0.0.1", "alice")).contains(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("10.0.0.1", "bob")).as("the address, for any account").isPresent();
        now = T0.plus(Duration.ofMinutes(4));
        assertThat(throttle.lockedFor("10.0.0.1", "alice")).contains(Duration.ofMinutes(1));
        now = T0.plus(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("10.0.0.1", "alice")).isEmpty();
        assertThat(throttle.failed("10.0.0.1", "alice")).as("forgotten: counting starts again").isZero();
    }

    @Test
    @DisplayName("issue 11: failures from one address do not lock the owner out from another")
    void theOwnerStillLogsInFromAnAddressThatWasNotGuessing() {
        fail("10.0.0.1", "alice", 200); // what a guesser would get through, were it not refused after 6

        assertThat(throttle.lockedFor("10.0.0.1", "alice")).isPresent();
        assertThat(throttle.lockedFor("10.0.0.2", "alice")).isEmpty();
        assertThat(throttle.lockedFor("10.0.0.2", "bob")).isEmpty();
    }

    @Test
    void aFailureForTheTargetedAccountIsDelayedFromAnyAddress() {
        fail("10.0.0.1", "alice", 10);

        assertThat(throttle.failed("10.0.0.2", "alice")).as("the account's count, from a fresh address")
                .isEqualTo(AuthThrottle.MAX_DELAY);
        assertThat(throttle.failed("10.0.0.3", "bob")).isZero();
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
    @DisplayName("a known (account, address) pair gets past a lockout of its address caused by guesses at others")
    void aKnownPairIsNotLockedOutByItsAddress() {
        throttle.succeeded("10.0.0.1", "alice"); // alice logged in from behind this NAT before
        for (int i = 0; i < 6; i++) {
            throttle.failed("10.0.0.1", "user" + i); // someone else behind it guesses other accounts
        }

        assertThat(throttle.lockedFor("10.0.0.1", "alice")).isEmpty();
        assertThat(throttle.lockedFor("10.0.0.1", "bob")).as("not known from there").isPresent();
    }

    @Test
    void aKnownPairIsStillLockedOutAfterTooManyFailuresOfItsOwn() {
        throttle.succeeded("10.0.0.1", "alice");
        fail("10.0.0.1", "alice", 6);

        assertThat(throttle.lockedFor("10.0.0.1", "alice")).isPresent();
    }

    @Test
    void aKnownPairIsForgottenAfterTheTrustPeriod() {
        throttle.succeeded("10.0.0.1", "alice");
        now = T0.plus(Duration.ofDays(30));
        for (int i = 0; i < 6; i++) {
            throttle.failed("10.0.0.1", "user" + i);
        }

        assertThat(throttle.lockedFor("10.0.0.1", "alice")).isPresent();
        assertThat(throttle.knownPairs()).isZero();
    }

    @Test
    @DisplayName("guessing spread over many addresses: each failing address is refused, fresh and known ones are not")
    void aDistributedAttackLocksTheAccountForAddressesThatFailedForIt() {
        throttle.succeeded("10.0.1.1", "alice"); // the owner's phone
        throttle.failed("10.0.1.1", "alice"); // ... where she mistyped once
        for (int i = 0; i < 20; i++) {
            String bot = "10.0.2." + i;
            assertThat(throttle.lockedFor(bot, "alice")).as("bot %s, first guess", i).isEmpty();
            throttle.failed(bot, "alice"); // one guess each: far below every per-address limit
        }

        assertThat(throttle.lockedFor("10.0.2.0", "alice")).as("a bot's second guess").isPresent();
        assertThat(throttle.lockedFor("10.0.2.0", "bob")).as("other accounts from the bot").isEmpty();
        assertThat(throttle.lockedFor("10.0.3.1", "alice")).as("a fresh address: the owner's laptop").isEmpty();
        assertThat(throttle.lockedFor("10.0.1.1", "alice")).as("a known address with a failure").isEmpty();
        now = T0.plus(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("10.0.2.0", "alice")).as("forgotten after the lockout").isEmpty();
    }

    @Test
    void successClearsThePairButNeitherTheAddressNorTheAccount() {
        fail("10.0.0.1", "alice", 5);
        fail("10.0.0.2", "alice", 15);

        throttle.succeeded("10.0.0.1", "alice");
        throttle.failed("10.0.0.1", "carol");

        assertThat(throttle.lockedFor("10.0.0.1", "carol")).as("the address's six failures stand").isPresent();
        assertThat(throttle.failed("10.0.0.3", "alice")).as("the account's count stands").isPositive();
    }

    @Test
    void noAccountNamedCountsOnTheAddressOnly() {
        assertThat(throttle.failed("10.0.0.1", null)).isZero();
        assertThat(throttle.size()).isEqualTo(1);
        assertThat(throttle.lockedFor("10.0.0.1", null)).isEmpty();
    }

    @Test
    void theDelayIsCapped() {
        AuthThrottle slow = new AuthThrottle(new AuthThrottle.Policy(1, Duration.ofSeconds(10), 100,
                Duration.ofMinutes(5), 100, Duration.ofDays(1), 100), clock);
        for (int i = 0; i < 50; i++) {
            assertThat(slow.failed("10.0.0.1", "alice")).isLessThanOrEqualTo(AuthThrottle.MAX_DELAY);
        }
    }

    @Test
    void memoryIsBoundedByDroppingTheLeastRecentlyUsed() {
        AuthThrottle small = new AuthThrottle(new AuthThrottle.Policy(3, Duration.ofSeconds(1), 6,
                Duration.ofMinutes(5), 20, Duration.ofDays(1), 10), clock);
        for (int i = 0; i < 100; i++) {
            small.failed("10.0.0." + i, "user" + i);
            small.succeeded("10.0.1." + i, "user" + i);
        }

        assertThat(small.size()).isEqualTo(10);
        assertThat(small.knownPairs()).isEqualTo(10);
    }
}
