package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.sasl.packet.SaslNonza.SASLFailure;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Clients;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/** RFC 6120 §5 (STARTTLS) and §6 (SASL): a client connects, secures the stream and logs in. */
class ConnectLoginIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @Test
    @DisplayName("RFC 6120 §5, §6, §7: STARTTLS, SASL PLAIN and resource binding with Smack 4.4")
    void connectAndLogin() throws Exception {
        String name = TestServer.uniqueName("romeo");
        SERVER.server().createUser(name, "wherefore-art-thou");
        XMPPTCPConnection romeo = Clients.login(SERVER.server(), name, "wherefore-art-thou");
        try {
            assertThat(romeo.isAuthenticated()).isTrue();
            assertThat(romeo.isSecureConnection()).as("stream secured with TLS").isTrue();
            assertThat(romeo.getUser().asEntityBareJidString()).isEqualTo(name + "@" + TestServer.DOMAIN);
            // TODO(#4): Vysper 0.7 always generates the resource; RFC 6120 §7.7.2.1 lets the server do so
            assertThat(romeo.getUser().getResourceOrEmpty().toString()).isNotEmpty();
        } finally {
            romeo.disconnect();
        }
    }

    @Test
    @DisplayName("RFC 4616 §2: PLAIN carries UTF-8, so a non-ASCII password works")
    void nonAsciiPassword() throws Exception {
        String name = TestServer.uniqueName("jürgen");
        String password = "pässwörd€中文😀";
        SERVER.server().createUser(name, password);
        XMPPTCPConnection connection = Clients.login(SERVER.server(), name, password);
        try {
            assertThat(connection.isAuthenticated()).isTrue();
        } finally {
            connection.disconnect();
        }
    }

    @Test
    @DisplayName("RFC 6120 §6.4.5: a wrong password gets not-authorized and the stream stays usable for a retry")
    void wrongPasswordThenRetry() throws Exception {
        String name = TestServer.uniqueName("juliet");
        SERVER.server().createUser(name, "right-password");
        XMPPTCPConnection juliet = Clients.connect(SERVER.server(), name, "right-password");
        try {
            assertThatThrownBy(() -> juliet.login(name, "wrong-password"))
                    .isInstanceOfSatisfying(SASLErrorException.class, e -> assertThat(e.getSASLFailure()
                            .getSASLErrorString()).isEqualTo("not-authorized"));
            assertThat(juliet.isConnected()).as("still connected after a failed attempt").isTrue();
            juliet.login(name, "right-password");
            assertThat(juliet.isAuthenticated()).isTrue();
        } finally {
            juliet.disconnect();
        }
    }

    @Test
    @DisplayName("RFC 6120 §6.4.5: an unknown user gets the same not-authorized as a wrong password")
    void unknownUser() throws Exception {
        XMPPTCPConnection nobody = Clients.connect(SERVER.server(), "nobody-here", "whatever-password");
        try {
            assertThatThrownBy(nobody::login).isInstanceOfSatisfying(SASLErrorException.class,
                    e -> assertThat(e.getSASLFailure().getSASLErrorString()).isEqualTo("not-authorized"));
        } finally {
            nobody.disconnect();
        }
    }

    static String failure(SASLFailure failure) {
        return failure.getSASLErrorString();
    }
}
