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
 * Failed-authentication throttling (docs/security.md): after {@code auth.throttle.delay_after} failures the
 * {@code <failure/>} comes late, after {@code auth.throttle.lockout_after} every attempt gets
 * {@code <temporary-auth-failure/>} (RFC 6120 §6.5.12), for the account and for the address.
 */
class AuthThrottleIT {

    private static final Duration FIRST_DELAY = Duration.ofMillis(300);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of(
            "auth.throttle.delay_after", "2",
            "auth.throttle.delay_ms", Long.toString(FIRST_DELAY.toMillis()),
            "auth.throttle.lockout_after", "4",
            "auth.throttle.lockout", "60"));

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

        assertThat(attempt(alice, alice.password())).as("right password, account locked out")
                .isEqualTo(SASLError.temporary_auth_failure);
        assertThat(attempt(bob, bob.password())).as("another account from the same address")
                .isEqualTo(SASLError.temporary_auth_failure);
        aliceOnline.pingServer();
    }
}
