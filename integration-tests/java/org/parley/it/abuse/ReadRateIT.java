package org.parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.Inbox;
import org.parley.it.support.ServerPerClass;

/**
 * The per-connection read rate limit (docs/security.md): a client sending faster than {@code c2s.read_rate} is
 * slowed, not cut off; every stanza arrives, in order (RFC 6120 §10.1).
 */
class ReadRateIT {

    private static final int RATE = 8192;
    private static final int MESSAGES = 100;
    private static final String PADDING = "x".repeat(300);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of(
            "c2s.read_rate", Integer.toString(RATE), "c2s.read_burst", Integer.toString(RATE)));

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("a sender over the rate is slowed to it, and every message arrives in order")
    void fastSenderIsSlowedButLosesNothing() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");

        long start = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < MESSAGES; i++) {
            bytes += alice.chat(bob.jid(), i + " " + PADDING).toXML().toString()
                    .getBytes(StandardCharsets.UTF_8).length;
        }
        for (int i = 0; i < MESSAGES; i++) {
            Message received = bob.inbox().awaitMessage(alice.jid());
            assertThat(received.getBody()).as("message %d of %d", i, MESSAGES).startsWith(i + " ");
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        // what is over the burst is read at the rate, less what is paid for after it arrived: the last read, or over
        // TLS the last record (up to 16 KiB, counted when decrypted); allow some slack for clock and scheduling
        double limited = 0.8 * (bytes - RATE - 16384) / RATE;
        assertThat(seconds).as("seconds to deliver %d bytes at %d B/s after a burst of as much", bytes, RATE)
                .isGreaterThan(limited);
        assertThat(bob.inbox().count(Inbox.anyMessage())).isEqualTo(MESSAGES);
    }
}
