package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.Smack;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.it.support.TestServer;

/**
 * Connect and log in with Smack 4.5. Failsafe runs this class in its own execution ({@code smack-4.5} in pom.xml),
 * with Smack 4.4 removed from the classpath and 4.5 added, so it uses only API both generations share.
 */
class Smack45LoginIT {

    @Test
    @DisplayName("RFC 6120 §5–§7 with Smack 4.5: STARTTLS, SASL PLAIN with a non-ASCII password, bind")
    void connectAndLoginWithSmack45() throws Exception {
        assertThat(Smack.getVersion()).as("this execution runs on Smack 4.5").startsWith("4.5");
        try (TestServer server = TestServer.start()) {
            String name = TestServer.uniqueName("smack45");
            server.createUser(name, "sm\u00e4ck-45-p\u00e4ss");
            XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(TestServer.DOMAIN)
                    .setHost("127.0.0.1")
                    .setPort(server.port())
                    .setUsernameAndPassword(name, "sm\u00e4ck-45-p\u00e4ss")
                    .setSecurityMode(SecurityMode.required)
                    .setCustomX509TrustManager(server.trustManager())
                    .addEnabledSaslMechanism("PLAIN")
                    .build();
            XMPPTCPConnection connection = new XMPPTCPConnection(config);
            try {
                connection.connect();
                connection.login();
                assertThat(connection.isAuthenticated()).isTrue();
                assertThat(connection.isSecureConnection()).isTrue();
            } finally {
                connection.disconnect();
            }
        }
    }
}
