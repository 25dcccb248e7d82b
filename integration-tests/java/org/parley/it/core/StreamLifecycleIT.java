package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.filter.IQTypeFilter;
import org.jivesoftware.smack.packet.EmptyResultIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Clients;
import org.parley.it.support.RawXmppClient;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/** RFC 6120 §4 (streams) and §8.2.3 (IQ semantics) at the edges Vysper 0.7 got wrong. */
class StreamLifecycleIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @Test
    @DisplayName("RFC 6120 §4.4: the server answers the client's </stream:stream> with its own and closes TCP")
    void closingTagIsAnswered() throws Exception {
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            raw.openStream(TestServer.DOMAIN);
            String features = raw.readUntil("</stream:features>", Duration.ofSeconds(10));
            assertThat(features).contains("<starttls").contains("urn:ietf:params:xml:ns:xmpp-tls")
                    .doesNotContain("<mechanism>PLAIN</mechanism>");
            raw.send("</stream:stream>");
            assertThat(raw.awaitClose(Duration.ofSeconds(10))).as("TCP connection closed by the server").isTrue();
            assertThat(raw.text()).endsWith("</stream:stream>");
        }
    }

    @Test
    @DisplayName("RFC 6120 §4.9.1.1, §4.9.3.13: garbage before the stream header gets a header, not-well-formed, close")
    void garbageBeforeTheStreamHeader() throws Exception {
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            raw.send("not xml at all <html>");
            assertThat(raw.awaitClose(Duration.ofSeconds(10))).as("closed by the server").isTrue();
            assertThat(raw.text()).contains("<stream:stream").contains("<stream:error")
                    .contains("<not-well-formed").endsWith("</stream:stream>");
        }
        // the server is still there for everyone else
        Clients.loginNewUser(SERVER.server(), "after-garbage").disconnect();
    }

    @Test
    @DisplayName("RFC 6120 §4.9.3.14: a stanza over c2s.max_stanza_size (256 KiB) ends the stream with policy-violation")
    void oversizedStanza() throws Exception {
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            raw.openStream(TestServer.DOMAIN);
            raw.readUntil("</stream:features>", Duration.ofSeconds(10));
            // exactly one byte over the limit: the server has then read everything we sent, so it closes with FIN
            // (unread data would make its close a TCP reset, which could discard its answer in our buffer)
            String prefix = "<message to='someone@" + TestServer.DOMAIN + "'><body>";
            int limit = 262_144;
            raw.send(prefix + "x".repeat(limit + 1 - prefix.length()));
            assertThat(raw.awaitClose(Duration.ofSeconds(10))).as("closed by the server").isTrue();
            assertThat(raw.text()).contains("<policy-violation").endsWith("</stream:stream>");
        }
        Clients.loginNewUser(SERVER.server(), "after-flood").disconnect();
    }

    @Test
    @DisplayName("RFC 6120 §5.3.1 / §6: no SASL before STARTTLS, even if the client tries")
    void noAuthenticationBeforeTls() throws Exception {
        String name = TestServer.uniqueName("eager");
        SERVER.server().createUser(name, "eager-password");
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            raw.openStream(TestServer.DOMAIN);
            raw.readUntil("</stream:features>", Duration.ofSeconds(10));
            String plain = java.util.Base64.getEncoder().encodeToString(
                    ("\u0000" + name + "\u0000eager-password").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
            raw.awaitClose(Duration.ofSeconds(3));
            assertThat(raw.text()).doesNotContain("<success");
        }
    }

    @Test
    @DisplayName("RFC 6120 §6.5.6: an unknown SASL mechanism gets <invalid-mechanism/>, and the stream stays open")
    void unknownMechanism() throws Exception {
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            raw.openStream(TestServer.DOMAIN);
            raw.readUntil("</stream:features>", Duration.ofSeconds(10));
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='X-NO-SUCH'>=</auth>");
            assertThat(raw.readUntil("</failure>", Duration.ofSeconds(10))).contains("<invalid-mechanism");
            raw.send("</stream:stream>");
            assertThat(raw.awaitClose(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    @DisplayName("RFC 6120 §8.2.3: IQ results and errors addressed to the server are never answered")
    void iqResponsesToServerAreNotAnswered() throws Exception {
        XMPPTCPConnection connection = Clients.loginNewUser(SERVER.server(), "acker");
        try {
            List<Stanza> errors = new CopyOnWriteArrayList<>();
            connection.addSyncStanzaListener(errors::add, IQTypeFilter.ERROR);
            IQ toDomain = new EmptyResultIQ();
            toDomain.setStanzaId("ack-domain");
            toDomain.setTo(JidCreate.domainBareFrom(TestServer.DOMAIN));
            connection.sendStanza(toDomain);
            IQ noTo = new EmptyResultIQ();
            noTo.setStanzaId("ack-no-to");
            connection.sendStanza(noTo);
            IQ toSelf = new EmptyResultIQ();
            toSelf.setStanzaId("ack-self");
            toSelf.setTo(connection.getUser().asBareJid());
            connection.sendStanza(toSelf);
            // the ping's answer comes after any answer to the acks above: one connection is processed in order
            assertThat(PingManager.getInstanceFor(connection).pingMyServer()).isTrue();
            assertThat(errors).as("errors in reply to IQ results").isEmpty();
        } finally {
            connection.disconnect();
        }
    }
}
