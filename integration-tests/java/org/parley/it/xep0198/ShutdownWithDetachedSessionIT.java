package org.parley.it.xep0198;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Clients;
import org.parley.it.support.TestServer;

/**
 * ADR 0021, graceful shutdown: a session waiting for a resumption ends with the server, and every message it had not
 * acknowledged is in offline storage after the restart, delivered at the client's next login.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShutdownWithDetachedSessionIT {

    private static final int MESSAGES = 100;

    @Test
    @DisplayName("a detached session's unacknowledged messages survive a graceful restart in offline storage")
    void detachedSessionEndsWithTheServerAndLosesNothing() throws Exception {
        try (TestServer server = TestServer.start(Map.of("sm.resume_timeout", "300",
                "sm.request_after", "10000", "sm.request_delay", "3600"))) {
            String name = TestServer.uniqueName("juliet");
            server.createUser(name, "juliet-sm-password");
            XMPPTCPConnection juliet = SmClients.login(server, name, "juliet-sm-password", "balcony");
            EntityFullJid julietJid = juliet.getUser();
            SmClients.Numbers first = new SmClients.Numbers(juliet, "shutdown-", MESSAGES, 10);
            XMPPTCPConnection romeo = Clients.loginNewUser(server, "romeo");

            send(romeo, julietJid, 0, MESSAGES / 2);
            assertThat(first.some().await(60, TimeUnit.SECONDS)).isTrue();
            juliet.instantShutdown();
            Set<Integer> beforeCut = new HashSet<>(first.received());
            send(romeo, julietJid, MESSAGES / 2, MESSAGES);
            romeo.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));

            server.restart();

            XMPPTCPConnection again = Clients.login(server, name, "juliet-sm-password");
            SmClients.Numbers stored = new SmClients.Numbers(again, "shutdown-", MESSAGES - beforeCut.size(), 0);
            again.sendStanza(again.getStanzaFactory().buildPresenceStanza().build()); // the offline flush
            // the ping is answered after the initial presence, whose handling delivered the stored messages
            again.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
            Set<Integer> all = new HashSet<>(beforeCut);
            all.addAll(stored.received());
            assertThat(all).as("every message reached juliet").hasSize(MESSAGES);
            again.disconnect();
        }
    }

    private static void send(XMPPTCPConnection from, EntityFullJid to, int first, int end) throws Exception {
        for (int i = first; i < end; i++) {
            from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat)
                    .setBody("shutdown-" + i).build());
        }
    }
}
