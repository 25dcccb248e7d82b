package org.parley.it.xep0198;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Clients;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * XEP-0198 §5 with Smack 4.4: a client whose connection drops in the middle of a burst of 1,000 messages resumes its
 * session on a new connection and ends up with every message once, in order: those acknowledged stay delivered, those
 * lost on the wire and those that arrived while it was away are sent again after {@code <resumed/>}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StreamResumptionIT {

    private static final int MESSAGES = 1000;

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of(
            "sm.resume_timeout", "120",
            "sm.max_unacked", "5000",
            "c2s.read_rate", "104857600", "c2s.read_burst", "104857600"));

    @Test
    @DisplayName("XEP-0198 §5: cut off while receiving 1,000 messages, the client resumes and has each once, in order")
    void resumedClientGetsEveryMessageOnceInOrder() throws Exception {
        TestServer server = SERVER.server();
        String name = TestServer.uniqueName("juliet");
        server.createUser(name, "juliet-sm-password");
        XMPPTCPConnection juliet = SmClients.login(server, name, "juliet-sm-password", "balcony");
        assertThat(juliet.isSmEnabled()).as("stream management enabled").isTrue();
        assertThat(juliet.isSmResumptionPossible()).as("resumption granted").isTrue();
        EntityFullJid julietJid = juliet.getUser();
        SmClients.Numbers numbers = new SmClients.Numbers(juliet, "resume-", MESSAGES, MESSAGES / 3);

        XMPPTCPConnection romeo = Clients.loginNewUser(server, "romeo");
        // the first half while juliet reads; she is cut off after a third; the second half while she is away
        send(romeo, julietJid, 0, MESSAGES / 2);
        assertThat(numbers.some().await(60, TimeUnit.SECONDS)).as("a third of the messages before the cut").isTrue();
        juliet.instantShutdown(); // the socket goes, no </stream>
        int beforeCut = numbers.received().size();
        send(romeo, julietJid, MESSAGES / 2, MESSAGES);
        // the server answers romeo's ping after it routed every message before it: all are queued for juliet now
        romeo.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
        assertThat(beforeCut).as("messages juliet had at the cut").isLessThan(MESSAGES);

        juliet.connect().login();
        assertThat(juliet.streamWasResumed()).as("the session was resumed, not a new one bound").isTrue();
        assertThat(juliet.getUser().toString()).isEqualTo(julietJid.toString());
        assertThat(numbers.all().await(60, TimeUnit.SECONDS))
                .as("all messages after the resumption (had %d at the cut, %d now)", beforeCut,
                        numbers.received().size())
                .isTrue();
        // a ping round trip on the resumed stream: nothing more (no duplicate) is on its way
        juliet.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
        List<Integer> expected = new ArrayList<>(IntStream.range(0, MESSAGES).boxed().toList());
        assertThat(numbers.received()).as("every message once, in order (cut after %d)", beforeCut)
                .isEqualTo(expected);
        juliet.disconnect();
        romeo.disconnect();
    }

    @Test
    @DisplayName("RFC 6120 §7.7.2.2 with XEP-0198: a new login binding the resource of a waiting session replaces"
            + " it; the messages kept for it are not lost")
    void newBindReplacesWaitingSession() throws Exception {
        TestServer server = SERVER.server();
        String name = TestServer.uniqueName("juliet");
        server.createUser(name, "juliet-sm-password");
        XMPPTCPConnection juliet = SmClients.login(server, name, "juliet-sm-password", "balcony");
        EntityFullJid julietJid = juliet.getUser();
        SmClients.Numbers first = new SmClients.Numbers(juliet, "resume-", 20, 5);
        XMPPTCPConnection romeo = Clients.loginNewUser(server, "romeo");
        send(romeo, julietJid, 0, 10);
        assertThat(first.some().await(60, TimeUnit.SECONDS)).isTrue();
        juliet.instantShutdown();
        java.util.Set<Integer> beforeCut = new java.util.HashSet<>(first.received());
        send(romeo, julietJid, 10, 20); // kept for the waiting session
        romeo.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));

        // a plain login (no resumption) with the same resource: the waiting session ends, its messages go offline
        XMPPTCPConnection again = new XMPPTCPConnection(
                Clients.config(server, name, "juliet-sm-password").setResource("balcony").build());
        again.setReplyTimeout(20_000);
        SmClients.Numbers second = new SmClients.Numbers(again, "resume-", 20, 0);
        again.connect().login();
        assertThat(again.getUser().toString()).isEqualTo(julietJid.toString());
        again.sendStanza(again.getStanzaFactory().buildPresenceStanza().build()); // the offline flush
        again.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
        java.util.Set<Integer> all = new java.util.HashSet<>(beforeCut);
        all.addAll(second.received());
        assertThat(all).as("every message reached juliet (%d before the cut, then %s)", beforeCut.size(),
                second.received()).hasSize(20);
        again.disconnect();
        romeo.disconnect();
    }

    private static void send(XMPPTCPConnection from, EntityFullJid to, int first, int end) throws Exception {
        for (int i = first; i < end; i++) {
            from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat)
                    .setBody("resume-" + i).build());
        }
    }
}
