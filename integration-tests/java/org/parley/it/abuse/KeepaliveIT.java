package org.parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.Subscriptions;
import org.parley.it.support.TestServer;

/**
 * Half-open connections (docs/security.md): after {@code c2s.ping_interval} of silence a logged-in client gets an
 * XEP-0199 ping; one that sends nothing within {@code c2s.ping_timeout} is closed with {@code connection-timeout}
 * and its contacts get its unavailable presence (RFC 6121 §4.6.1).
 */
class KeepaliveIT {

    private static final int INTERVAL = 2;
    private static final int TIMEOUT = 2;
    /** Interval + timeout, plus MINA's one-second idle check and scheduling slack. */
    private static final Duration DETECTED = Duration.ofSeconds(INTERVAL + TIMEOUT + 4);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of(
            "c2s.ping_interval", Integer.toString(INTERVAL), "c2s.ping_timeout", Integer.toString(TIMEOUT)));

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    /** Makes the client swallow the server's pings without answering, as a client on a dead network would. */
    private static void stopAnsweringPings(Actor actor) {
        actor.connection().registerIQRequestHandler(new AbstractIqRequestHandler(Ping.ELEMENT, Ping.NAMESPACE,
                IQ.Type.get, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ ping) {
                return null; // Smack 4.4 then sends nothing
            }
        });
    }

    @Test
    @DisplayName("XEP-0199: a client that stops answering is closed with connection-timeout; contacts see it go")
    void silentClientIsClosedAndContactsLearnOfIt() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.available();
        bob.available();
        Subscriptions.subscribe(bob, alice);
        bob.inbox().awaitPresence(alice.jid(), Presence.Type.available);
        stopAnsweringPings(alice);

        Exception end = alice.awaitClosedByServer(DETECTED.plus(DETECTED));

        assertThat(end).isInstanceOfSatisfying(XMPPException.StreamErrorException.class, e -> assertThat(
                e.getStreamError().getCondition()).isEqualTo(StreamError.Condition.connection_timeout));
        bob.inbox().awaitPresence(alice.jid(), Presence.Type.unavailable, Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("XEP-0199: a client that answers the server's pings stays connected through several intervals")
    void answeringClientStays() throws Exception {
        Actor carol = actors.login("carol");
        BlockingQueue<IQ> pings = new LinkedBlockingQueue<>();
        // Smack hands IQ requests only to IQ handlers, not to the inbox: record them here, and answer
        carol.connection().registerIQRequestHandler(new AbstractIqRequestHandler(Ping.ELEMENT, Ping.NAMESPACE,
                IQ.Type.get, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ ping) {
                pings.add(ping);
                return IQ.createResultIQ(ping);
            }
        });

        for (int i = 1; i <= 3; i++) {
            IQ ping = pings.poll(DETECTED.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(ping).as("ping %d from the server", i).isNotNull();
            assertThat(ping.getFrom().toString()).isEqualTo(TestServer.DOMAIN);
        }
        carol.pingServer();
    }
}
