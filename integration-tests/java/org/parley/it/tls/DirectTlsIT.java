package org.parley.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Clients;
import org.parley.it.support.DirectTlsSocket;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * XEP-0368 direct TLS: the second client listener speaks TLS from the first byte, negotiates ALPN
 * {@code xmpp-client}, and then serves the same XMPP stream as the STARTTLS port, already encrypted.
 */
class DirectTlsIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @Test
    @DisplayName("XEP-0368: Smack 4.4 logs in over direct TLS (TLS socket factory, no STARTTLS) with SASL PLAIN")
    void smackLogsInOverDirectTls() throws Exception {
        TestServer server = SERVER.server();
        String name = TestServer.uniqueName("direct");
        server.createUser(name, "direct-password");
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {server.trustManager()}, null);
        // Smack 4.4 has no direct TLS mode of its own: a TLS socket factory encrypts from the first byte, and with
        // STARTTLS disabled Smack takes the features as they come (the server offers no <starttls/> here)
        XMPPTCPConnection connection = new XMPPTCPConnection(
                Clients.config(server.directTlsPort(), server.trustManager(), name, "direct-password")
                        .setSocketFactory(tls.getSocketFactory())
                        .setSecurityMode(SecurityMode.disabled)
                        .build());
        try {
            connection.setReplyTimeout(10_000);
            connection.connect().login();

            assertThat(connection.isAuthenticated()).isTrue();
            assertThat(connection.getUser().asEntityBareJidString()).isEqualTo(name + "@" + TestServer.DOMAIN);
            assertThat(PingManager.getInstanceFor(connection).pingMyServer()).isTrue();
        } finally {
            connection.disconnect();
        }
    }

    @Test
    @DisplayName("XEP-0368 §3: ALPN xmpp-client and SNI are accepted; the stream offers SASL, never STARTTLS")
    void alpnXmppClientGetsSaslFeaturesWithoutStartTls() throws Exception {
        try (DirectTlsSocket socket = DirectTlsSocket.connect(SERVER.server().directTlsPort(), "xmpp-client")) {
            assertThat(socket.applicationProtocol()).isEqualTo("xmpp-client");

            String features = socket.openStream();

            // c2s.starttls.required=true (the default) is satisfied: the stream is encrypted already
            assertThat(features).contains("<mechanism>PLAIN</mechanism>").doesNotContain("starttls");
        }
    }

    @Test
    @DisplayName("XEP-0368 §3: ALPN is a SHOULD, so a client offering none is served too")
    void noAlpnIsAccepted() throws Exception {
        try (DirectTlsSocket socket = DirectTlsSocket.connect(SERVER.server().directTlsPort())) {
            assertThat(socket.applicationProtocol()).isEmpty();
            assertThat(socket.openStream()).contains("<mechanism>PLAIN</mechanism>").doesNotContain("starttls");
        }
    }

    @Test
    @DisplayName("XEP-0368 §3 / RFC 7301 §3.2: a client offering ALPN without xmpp-client is refused in the handshake")
    void alpnWithoutXmppClientIsRefused() {
        assertThatThrownBy(() -> DirectTlsSocket.connect(SERVER.server().directTlsPort(), "h2", "http/1.1").close())
                .isInstanceOf(SSLException.class);
    }

    @Test
    @DisplayName("XEP-0368 §3: \"STARTTLS MUST NOT be used over direct TLS connections\": <starttls/> ends the"
            + " stream")
    void startTlsOnDirectTlsIsRefused() throws Exception {
        try (DirectTlsSocket socket = DirectTlsSocket.connect(SERVER.server().directTlsPort(), "xmpp-client")) {
            socket.openStream();
            socket.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");

            // Vysper's answer to a stanza not allowed in the session's state, as after STARTTLS on port 5222
            assertThat(socket.readUntil("</stream:stream>")).contains("unsupported-stanza-type")
                    .doesNotContain("proceed");
        }
    }

    @Test
    @DisplayName("RFC 6120 §4.9.3.22: shutdown ends direct TLS streams with system-shutdown too")
    void shutdownEndsDirectTlsStreams() throws Exception {
        TestServer server = TestServer.start();
        try (DirectTlsSocket socket = DirectTlsSocket.connect(server.directTlsPort(), "xmpp-client")) {
            socket.openStream();

            server.close();

            assertThat(socket.readUntil("</stream:stream>")).contains("system-shutdown");
        } finally {
            server.close();
        }
    }

    @Test
    @DisplayName("The STARTTLS port is unchanged: it still offers <starttls/> and no SASL before it")
    void startTlsPortStillOffersStartTls() throws Exception {
        XMPPTCPConnection smack = Clients.connect(SERVER.server(), "nobody", "irrelevant");
        try {
            // connected with SecurityMode.required: Smack negotiated STARTTLS on the first port
            assertThat(smack.isSecureConnection()).isTrue();
        } finally {
            smack.disconnect();
        }
    }
}
