package org.parley.it.xep0198;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.csi.ClientStateIndicationManager;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Clients;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * XEP-0352 §5.2 with XEP-0198: the client state is not part of a resumed session, so a resumed stream starts active
 * and what the server held back for the inactive client arrives without an {@code <active/>}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ResumedStreamStartsActiveIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of("sm.resume_timeout", "120"));

    @Test
    @DisplayName("XEP-0352 §5.2: a chat state held for an inactive client arrives when its stream is resumed")
    void resumedStreamIsActive() throws Exception {
        TestServer server = SERVER.server();
        String name = TestServer.uniqueName("juliet");
        server.createUser(name, "juliet-csi-password");
        XMPPTCPConnection juliet = SmClients.login(server, name, "juliet-csi-password", "balcony");
        List<Message> chatStates = new CopyOnWriteArrayList<>();
        CountDownLatch arrived = new CountDownLatch(1);
        juliet.addAsyncStanzaListener(stanza -> {
            if (stanza.hasExtension(ChatStateExtension.NAMESPACE)) {
                chatStates.add((Message) stanza);
                arrived.countDown();
            }
        }, StanzaTypeFilter.MESSAGE);
        juliet.sendStanza(juliet.getStanzaFactory().buildPresenceStanza().build());
        ClientStateIndicationManager.inactive(juliet);
        ping(juliet);

        XMPPTCPConnection romeo = Clients.loginNewUser(server, "romeo");
        romeo.sendStanza(romeo.getStanzaFactory().buildMessageStanza().to(juliet.getUser().asBareJid())
                .ofType(Message.Type.chat).addExtension(new ChatStateExtension(ChatState.composing)).build());
        ping(romeo); // processed: held for the inactive resource
        ping(juliet);
        assertThat(chatStates).as("a chat state is held while inactive").isEmpty();

        juliet.instantShutdown(); // the socket goes, no </stream>
        juliet.connect().login();
        assertThat(juliet.streamWasResumed()).isTrue();
        assertThat(arrived.await(30, TimeUnit.SECONDS)).as("the held chat state after the resumption").isTrue();
        assertThat(chatStates).hasSize(1);
        juliet.disconnect();
        romeo.disconnect();
    }

    private static void ping(XMPPTCPConnection connection) throws Exception {
        connection.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
    }
}
