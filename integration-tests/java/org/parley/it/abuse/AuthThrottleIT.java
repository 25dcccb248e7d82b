package org.parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.Clients;
import org.parley.it.support.ServerPerClass;

/**
 * Failed-authentication throttling (docs/security.md, ADR 0019): after {@code auth.throttle.delay_after} failures the
 * {@code <failure/>} comes late, after {@code auth.throttle.lockout_after} every attempt from the guessing address
 * gets {@code <temporary-auth-failure/>} (RFC 6120 §6.5.12), while the account's owner still logs in from elsewhere.
 * Other addresses are other loopback addresses (127.0.0.x); the tests use different ones, as the lockouts outlast a
 * test.
 */
class AuthThrottleIT {

    private static final Duration FIRST_DELAY = Duration.ofMillis(300);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of(
            "auth.throttle.delay_after", "2",
            "auth.throttle.delay_ms", Long.toString(FIRST_DELAY.toMillis()),
            "auth.throttle.lockout_after", "4",
            "auth.throttle.lockout", "60",
            "auth.throttle.account_lockout_after", "5"));

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    /** One login attempt on a fresh connection; returns the SASL condition, or null when it succeeded. */
    private static SASLError attempt(Account account, String password) throws Exception {
        XMPPTCPConnection connection = Clients.connect(SERVER.server(), account.local(), password);
        try {
            connection.login();
            return null;
        } catch (SASLErrorException e) {
            return e.getSASLFailure().getSASLError();
        } finally {
            connection.disconnect();
        }
    }

    /** The same from another loopback address. */
    private static SASLError attemptFrom(String address, Account account, String password) throws Exception {
        XMPPTCPConnection connection = Clients.connectFrom(address, SERVER.server(), account.local(), password);
        try {
            connection.login();
            return null;
        } catch (SASLErrorException e) {
            return e.getSASLFailure().getSASLError();
        } finally {
            connection.disconnect();
        }
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    @DisplayName("back-off after 2 failures, lockout after 4, for the account and the address; sessions stay up")
    void failuresAreSlowedThenLockedOut() throws Exception {
        Account alice = actors.account("alice");
        Account bob = actors.account("bob");
        Actor aliceOnline = actors.login(alice);

        assertThat(attempt(alice, "wrong-1")).isEqualTo(SASLError.not_authorized);
        long start = System.nanoTime();
        assertThat(attempt(alice, "wrong-2")).isEqualTo(SASLError.not_authorized);
        assertThat(millis(start)).as("second failure answered after the back-off")
                .isGreaterThanOrEqualTo(FIRST_DELAY.toMillis());
        start = System.nanoTime();
        assertThat(attempt(alice, "wrong-3")).isEqualTo(SASLError.not_authorized);
        assertThat(millis(start)).as("third failure: the back-off doubled")
                .isGreaterThanOrEqualTo(2 * FIRST_DELAY.toMillis());
        assertThat(attempt(alice, "wrong-4")).isEqualTo(SASLError.not_authorized);

        assertThat(attempt(alice, alice.password())).as("right password, from the guessing address")
                .isEqualTo(SASLError.temporary_auth_failure);
        assertThat(attempt(bob, bob.password())).as("another account from the same address")
                .isEqualTo(SASLError.temporary_auth_failure);
        aliceOnline.pingServer();
    }

    @Test
    @DisplayName("issue 11: the owner logs in from another address while the guessing one is still refused")
    void guessingDoesNotLockTheOwnerOut() throws Exception {
        Account alice = actors.account("alice");
        String guesser = "127.0.0.4";
        String owner = "127.0.0.5";
        for (int i = 1; i <= 4; i++) {
            assertThat(attemptFrom(guesser, alice, "wrong-" + i)).as("guess %s", i).isEqualTo(SASLError.not_authorized);
        }
        assertThat(attemptFrom(guesser, alice, alice.password())).as("the guessing address, right password")
                .isEqualTo(SASLError.temporary_auth_failure);

        assertThat(attemptFrom(owner, alice, alice.password())).as("the owner, from an address that did not guess")
                .isNull();
        assertThat(attemptFrom(guesser, alice, alice.password())).as("the guessing address, still")
                .isEqualTo(SASLError.temporary_auth_failure);

        // a fifth failure, from a third address, reaches auth.throttle.account_lockout_after (5): from now on every
        // address that failed for alice is refused, one that did not is not
        assertThat(attemptFrom("127.0.0.6", alice, "wrong-5")).isEqualTo(SASLError.not_authorized);
        assertThat(attemptFrom("127.0.0.6", alice, alice.password())).as("another address that failed for alice")
                .isEqualTo(SASLError.temporary_auth_failure);
        assertThat(attemptFrom("127.0.0.7", alice, alice.password())).as("a fresh address").isNull();
        // ... but not the address alice logged in from, even after a typo there
        assertThat(attemptFrom(owner, alice, "typo")).isEqualTo(SASLError.not_authorized);
        assertThat(attemptFrom(owner, alice, alice.password())).as("the owner's known address").isNull();
    }
}
