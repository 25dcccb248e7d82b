package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.packet.Mechanisms;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Clients;
import org.parley.it.support.RawXmppClient;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * RFC 6120 §6 with SCRAM (RFC 5802, RFC 7677) and channel binding (RFC 5929 tls-server-end-point, XEP-0440), with
 * Smack 4.4, which implements SCRAM-SHA-1 and SCRAM-SHA-1-PLUS. Smack 4.4.8 cannot log in with -PLUS against any
 * server: it hashes the certificate with a digest named after the certificate's key algorithm ("RSA MessageDigest
 * not available"), which is presumably why it blacklists SCRAM-SHA-1-PLUS by default. SCRAM-SHA-256 and the -PLUS
 * logins are covered by {@code ScramChannelBindingIT} (a client written from the RFCs) and {@code SlixmppLoginIT}.
 */
class ScramLoginIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    private static final String PASSWORD = "salted-pencil";

    @Test
    @DisplayName("RFC 6120 §6.3.3: mechanisms strongest first")
    void advertisedStrongestFirst() throws Exception {
        XMPPTCPConnection connection = Clients.connect(SERVER.server(), "nobody", PASSWORD);
        try {
            Mechanisms mechanisms = connection.getFeature(Mechanisms.ELEMENT, Mechanisms.NAMESPACE);
            assertThat(mechanisms.getMechanisms()).containsExactly("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS",
                    "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        } finally {
            connection.disconnect();
        }
    }

    @Test
    @DisplayName("RFC 6120 §5.3.1, §6: before STARTTLS no SASL mechanism at all is offered")
    void nothingOfferedBeforeTls() throws Exception {
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            raw.openStream(TestServer.DOMAIN);
            String features = raw.readUntil("</stream:features>", Duration.ofSeconds(10));
            assertThat(features).contains("<starttls").doesNotContain("<mechanisms").doesNotContain("SCRAM")
                    .doesNotContain("PLAIN").doesNotContain("sasl-channel-binding");
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
                    + "biwsbj11c2VyLHI9YWJj</auth>");
            raw.awaitClose(Duration.ofSeconds(3));
            assertThat(raw.text()).doesNotContain("<challenge").doesNotContain("<success");
        }
    }

    @Test
    @DisplayName("RFC 5802: SCRAM-SHA-1 with Smack 4.4 logs in, and the server's signature checks out")
    void scramSha1() throws Exception {
        assertThat(loginWith("SCRAM-SHA-1")).isEqualTo("SCRAM-SHA-1");
    }

    @Test
    @DisplayName("RFC 6120 §6.5.10: a wrong password with SCRAM is not-authorized, and a retry works")
    void wrongPassword() throws Exception {
        String name = TestServer.uniqueName("wrong");
        SERVER.server().createUser(name, PASSWORD);
        XMPPTCPConnection connection = new XMPPTCPConnection(Clients.config(SERVER.server(), name, PASSWORD)
                .addEnabledSaslMechanism("SCRAM-SHA-1").build());
        try {
            connection.connect();
            assertThatThrownBy(() -> connection.login(name, "not-the-password"))
                    .isInstanceOfSatisfying(SASLErrorException.class, e -> assertThat(
                            e.getSASLFailure().getSASLErrorString()).isEqualTo("not-authorized"));
            connection.login(name, PASSWORD);
            assertThat(connection.isAuthenticated()).isTrue();
        } finally {
            connection.disconnect();
        }
    }

    @Test
    @DisplayName("RFC 5802 §6: a client that binds but sees no -PLUS (gs2 flag 'y') is refused: someone stripped it")
    void downgradeRefused() throws Exception {
        String name = TestServer.uniqueName("downgraded");
        SERVER.server().createUser(name, PASSWORD);
        // Smack sends 'y' when SCRAM-SHA-1-PLUS is enabled but not chosen (Smack 4.4 blacklists it by default, so it
        // is chosen by nobody), just as if an attacker had removed -PLUS from the features
        SASLAuthentication.unBlacklistSASLMechanism("SCRAM-SHA-1-PLUS");
        XMPPTCPConnectionConfiguration config;
        try {
            config = Clients.config(SERVER.server(), name, PASSWORD)
                    .addEnabledSaslMechanism(List.of("SCRAM-SHA-1", "SCRAM-SHA-1-PLUS")).build();
        } finally {
            SASLAuthentication.blacklistSASLMechanism("SCRAM-SHA-1-PLUS");
        }
        XMPPTCPConnection connection = new XMPPTCPConnection(config);
        try {
            connection.connect();
            assertThatThrownBy(connection::login).isInstanceOfSatisfying(SASLErrorException.class,
                    e -> assertThat(e.getSASLFailure().getSASLErrorString()).isEqualTo("not-authorized"));
        } finally {
            connection.disconnect();
        }
    }

    /** Logs a fresh account in with PLAIN and {@code mechanism} enabled; returns the mechanism Smack used. */
    private static String loginWith(String mechanism) throws Exception {
        String name = TestServer.uniqueName("scram");
        SERVER.server().createUser(name, PASSWORD);
        XMPPTCPConnection connection = new XMPPTCPConnection(Clients.config(SERVER.server(), name, PASSWORD)
                .addEnabledSaslMechanism(mechanism).build());
        try {
            connection.connect().login();
            assertThat(connection.isAuthenticated()).isTrue();
            return connection.getUsedSaslMechansism();
        } finally {
            connection.disconnect();
        }
    }
}
