package org.parley.it.xep0198;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
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
 * XEP-0198 §5 when the client does not come back: its session stays available for {@code sm.resume_timeout} (a
 * contact sees no unavailable presence before), then signs off, and every message it had not acknowledged is stored
 * offline (with the XEP-0203 delay of when the server first queued it) and delivered at its next login: nothing lost.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ResumptionTimeoutIT {

    private static final int MESSAGES = 200;
    private static final long WINDOW_MILLIS = 3000;

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of(
            "sm.resume_timeout", Long.toString(WINDOW_MILLIS / 1000),
            // no <r/> from the server: the messages juliet read stay unacknowledged, so some arrive twice
            "sm.request_after", "10000", "sm.request_delay", "3600"));

    @Test
    @DisplayName("XEP-0198 §5: not resumed, the session signs off only after sm.resume_timeout and its"
            + " unacknowledged messages wait offline")
    void unresumedSessionEndsAfterTheWindowAndLosesNothing() throws Exception {
        TestServer server = SERVER.server();
        String name = TestServer.uniqueName("juliet");
        server.createUser(name, "juliet-sm-password");
        XMPPTCPConnection juliet = SmClients.login(server, name, "juliet-sm-password", "balcony");
        EntityBareJid julietBare = juliet.getUser().asEntityBareJid();
        SmClients.Numbers first = new SmClients.Numbers(juliet, "timeout-", MESSAGES, MESSAGES / 4);
        BlockingQueue<Presence> subscribeRequests = new LinkedBlockingQueue<>();
        juliet.addAsyncStanzaListener(stanza -> subscribeRequests.add((Presence) stanza),
                stanza -> stanza instanceof Presence p && p.getType() == Presence.Type.subscribe);

        XMPPTCPConnection romeo = Clients.loginNewUser(server, "romeo");
        BlockingQueue<Presence> fromJuliet = new LinkedBlockingQueue<>();
        romeo.addAsyncStanzaListener(stanza -> fromJuliet.add((Presence) stanza),
                stanza -> stanza instanceof Presence p && p.getFrom() != null
                        && p.getFrom().asBareJid().equals(julietBare)
                        && (p.getType() == Presence.Type.available || p.getType() == Presence.Type.unavailable));
        romeo.sendStanza(romeo.getStanzaFactory().buildPresenceStanza().build()); // presence goes to online resources
        // juliet comes online; romeo subscribes to her presence, she approves and he gets her presence
        juliet.sendStanza(juliet.getStanzaFactory().buildPresenceStanza().build());
        juliet.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
        romeo.sendStanza(romeo.getStanzaFactory().buildPresenceStanza().to(julietBare)
                .ofType(Presence.Type.subscribe).build());
        assertThat(subscribeRequests.poll(20, TimeUnit.SECONDS)).as("romeo's subscription request").isNotNull();
        juliet.sendStanza(juliet.getStanzaFactory().buildPresenceStanza().to(romeo.getUser().asBareJid())
                .ofType(Presence.Type.subscribed).build());
        Presence online = fromJuliet.poll(20, TimeUnit.SECONDS);
        assertThat(online).as("juliet's available presence").isNotNull();
        assertThat(online.getType()).isEqualTo(Presence.Type.available);

        send(romeo, julietBare, 0, MESSAGES / 2);
        assertThat(first.some().await(60, TimeUnit.SECONDS)).as("a quarter before the cut").isTrue();
        juliet.instantShutdown();
        long cutAt = System.nanoTime();
        Set<Integer> beforeCut = new HashSet<>(first.received());
        send(romeo, julietBare, MESSAGES / 2, MESSAGES); // to her bare JID: her waiting session is still available
        romeo.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));

        Presence offline = null;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS + 20_000);
        while (offline == null && System.nanoTime() < deadline) {
            Presence next = fromJuliet.poll(1, TimeUnit.SECONDS);
            if (next != null && next.getType() == Presence.Type.unavailable) {
                offline = next;
            }
        }
        long afterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
        assertThat(offline).as("juliet's unavailable presence after the window").isNotNull();
        assertThat(afterMillis).as("unavailable only after sm.resume_timeout").isGreaterThanOrEqualTo(WINDOW_MILLIS);

        // her next login: the old session is gone (Smack's <resume/> fails, it binds anew), the messages are stored
        SmClients.Numbers second = new SmClients.Numbers(juliet, "timeout-", MESSAGES - beforeCut.size(), 0);
        juliet.connect().login();
        assertThat(juliet.streamWasResumed()).as("nothing left to resume").isFalse();
        juliet.sendStanza(juliet.getStanzaFactory().buildPresenceStanza().build()); // the offline flush
        assertThat(second.all().await(60, TimeUnit.SECONDS))
                .as("the messages juliet did not read arrive at her next login (read %d before the cut, %d now)",
                        beforeCut.size(), second.received().size())
                .isTrue();
        juliet.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
        Set<Integer> all = new HashSet<>(beforeCut);
        all.addAll(second.received());
        assertThat(all).as("every message reached juliet").hasSize(MESSAGES);
        List<Message> stored = second.messages();
        for (Message message : stored) {
            DelayInformation delay = message.getExtension(DelayInformation.class);
            assertThat(delay).as("XEP-0203 delay on %s", message.getBody()).isNotNull();
            assertThat(delay.getFrom()).isEqualTo(TestServer.DOMAIN);
        }
        assertThat(second.received()).as("stored in the order they were sent").isSorted();
        juliet.disconnect();
        romeo.disconnect();
    }

    private static void send(XMPPTCPConnection from, EntityBareJid to, int first, int end) throws Exception {
        for (int i = first; i < end; i++) {
            from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat)
                    .setBody("timeout-" + i).build());
        }
    }
}
