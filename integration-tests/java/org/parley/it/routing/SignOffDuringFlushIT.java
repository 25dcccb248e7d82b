package org.parley.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Clients;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * Issue 11, the sign-off race: a user who signs on and off again and again while messages keep arriving, and while
 * the offline flush of each sign-on runs, loses nothing. Before issue 11 the flush could write into a session that was
 * already closing (the write was dropped silently) and then delete the rows.
 *
 * <p>Every message, stored before the churn or sent during it, must reach one of the user's sessions exactly once,
 * and each sender's messages in the order sent (XEP-0160 §3: stored messages before live ones; RFC 6120 §10.1). Each
 * session signs off cleanly (unavailable presence, then {@code </stream:stream>}), and Smack reads until the server's
 * closing tag, so what the server wrote before it arrives.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SignOffDuringFlushIT {

    private static final int STORED = 300;
    private static final int LIVE = 400;
    private static final int SIGN_ONS = 12;

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @Test
    @DisplayName("signing on and off while the offline flush runs and live messages arrive loses none, duplicates"
            + " none, reorders none")
    void nothingLostWhileSigningOffDuringTheFlush() throws Exception {
        TestServer server = SERVER.server();
        String bobName = TestServer.uniqueName("bob");
        server.createUser(bobName, "bob-flush-password");
        EntityBareJid bob = JidCreate.entityBareFrom(bobName + "@" + TestServer.DOMAIN);
        XMPPTCPConnection alice = Clients.loginNewUser(server, "alice");
        try {
            for (int i = 0; i < STORED; i++) {
                alice.sendStanza(chat(alice, bob, "stored-" + i));
            }
            alice.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));

            List<String> received = new ArrayList<>();
            AtomicBoolean churning = new AtomicBoolean(true);
            Thread live = new Thread(() -> {
                try {
                    for (int i = 0; i < LIVE && churning.get(); i++) {
                        alice.sendStanza(chat(alice, bob, "live-" + i));
                        if (i % 20 == 19) {
                            // paced by the server's answers, so the live messages spread over the sign-ons
                            alice.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(
                                    TestServer.DOMAIN)));
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "live-sender");
            live.start();
            for (int round = 0; round < SIGN_ONS; round++) {
                received.addAll(signOnAndOff(server, bobName, true));
            }
            live.join(60_000);
            churning.set(false);
            alice.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
            // the last session stays until the ping: its flush has run by then
            received.addAll(signOnAndOff(server, bobName, false));

            assertThat(sequence(received, "stored-")).as("stored messages over all sessions")
                    .isEqualTo(range(STORED));
            assertThat(sequence(received, "live-")).as("live messages over all sessions").isEqualTo(range(LIVE));
        } finally {
            alice.disconnect();
        }
    }

    /** One session of bob's: initial presence, then (at once, or after a ping) a clean sign-off; what it got. */
    private static List<String> signOnAndOff(TestServer server, String bob, boolean atOnce) throws Exception {
        XMPPTCPConnection connection = Clients.login(server, bob, "bob-flush-password");
        // A collector, not a listener: Smack fills collectors on its reader thread before disconnect() returns, but
        // runs listeners later on another thread, so a listener could still miss the last messages when read.
        StanzaCollector collector = connection.createStanzaCollector(StanzaCollector.newConfiguration()
                .setStanzaFilter(MessageTypeFilter.CHAT).setSize(STORED + LIVE));
        connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available)
                .build());
        if (!atOnce) {
            connection.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
        }
        connection.disconnect(); // unavailable presence, </stream:stream>, and waits for the server's
        List<String> bodies = new ArrayList<>();
        for (Message message = collector.pollResult(); message != null; message = collector.pollResult()) {
            bodies.add(message.getBody());
        }
        collector.cancel();
        return bodies;
    }

    private static Message chat(XMPPTCPConnection from, EntityBareJid to, String body) {
        return from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body).build();
    }

    private static List<Integer> sequence(List<String> bodies, String prefix) {
        List<Integer> numbers = new ArrayList<>();
        for (String body : bodies) {
            if (body != null && body.startsWith(prefix)) {
                numbers.add(Integer.parseInt(body.substring(prefix.length())));
            }
        }
        return numbers;
    }

    private static List<Integer> range(int n) {
        List<Integer> numbers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
