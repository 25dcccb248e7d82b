package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.it.support.Clients;
import org.parley.it.support.TestServer;

/** Accounts live in H2 on disk: a restart on the same data directory loses none. */
class RestartIT {

    @Test
    @DisplayName("accounts survive a server restart on the same data directory")
    void accountsSurviveRestart() throws Exception {
        try (TestServer server = TestServer.start()) {
            String name = TestServer.uniqueName("persistent");
            server.createUser(name, "persistent-password");
            String fingerprintBefore = server.certificate().getSerialNumber().toString();
            server.restart();
            assertThat(server.certificate().getSerialNumber().toString())
                    .as("the generated certificate is reused, not regenerated").isEqualTo(fingerprintBefore);
            XMPPTCPConnection connection = Clients.login(server, name, "persistent-password");
            try {
                assertThat(connection.isAuthenticated()).isTrue();
            } finally {
                connection.disconnect();
            }
        }
    }
}
