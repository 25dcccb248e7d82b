package org.parley.it.xep0198;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.RawTlsSession;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/** {@code sm.enabled=false}: stream management is not offered, and a client that asks anyway is told so (§3). */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SmDisabledIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of("sm.enabled", "false"));

    @Test
    @DisplayName("sm.enabled=false: no <sm/> feature, Smack runs without it, <enable/> →"
            + " <failed><feature-not-implemented/>")
    void notOfferedWhenDisabled() throws Exception {
        TestServer server = SERVER.server();
        String name = TestServer.uniqueName("nosm");
        server.createUser(name, "nosm-password");
        XMPPTCPConnection client = SmClients.login(server, name, "nosm-password", "desk");
        assertThat(client.isSmAvailable()).as("the <sm/> stream feature").isFalse();
        assertThat(client.isSmEnabled()).isFalse();
        client.disconnect();

        try (RawTlsSession raw = RawTlsSession.open(server.port(), server.trustManager(), name, "nosm-password",
                "raw", 65536)) {
            raw.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
            assertThat(raw.readUntil("</failed>", Duration.ofSeconds(20))).contains("feature-not-implemented");
        }
    }
}
