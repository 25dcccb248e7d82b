package org.parley.it.xep0198;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.RawTlsSession;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * XEP-0198 §4 from the server's side: it asks for an acknowledgement ({@code <r/>}) once {@code sm.request_after}
 * stanzas wait unacknowledged, or {@code sm.request_delay} after the first one when fewer do; an {@code <a h/>}
 * covering them clears the request; the server's own {@code <a h/>} counts the client's handled stanzas.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AckRequestIT {

    private static final String SM = "urn:xmpp:sm:3";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of("sm.request_after", "3", "sm.request_delay", "1"));

    @Test
    @DisplayName("XEP-0198 §4: <r/> after sm.request_after unacknowledged stanzas, and after sm.request_delay")
    void serverRequestsAcks() throws Exception {
        TestServer server = SERVER.server();
        String name = TestServer.uniqueName("acker");
        server.createUser(name, "sm-password");
        try (RawTlsSession raw = RawTlsSession.login(server.port(), server.trustManager(), name, "sm-password", "r",
                65536)) {
            raw.send("<enable xmlns='" + SM + "'/>");
            raw.readUntil("enabled", WAIT);
            for (int i = 1; i <= 3; i++) {
                raw.send("<iq type='get' id='p" + i + "' to='" + TestServer.DOMAIN
                        + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            }
            // three results sent, then the request: it comes after the third, not before
            String upToRequest = raw.readUntil("<r ", WAIT).replace('"', '\'');
            assertThat(upToRequest).contains("id='p1'").contains("id='p2'").contains("id='p3'");
            raw.send("<a xmlns='" + SM + "' h='3'/>");
            // one more result: fewer than three wait, so the quiet-time request comes after about a second
            long sent = System.nanoTime();
            raw.send("<iq type='get' id='p4' to='" + TestServer.DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(raw.readUntil("<r ", WAIT).replace('"', '\'')).contains("id='p4'");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).isGreaterThanOrEqualTo(900);
            raw.send("<a xmlns='" + SM + "' h='4'/><r xmlns='" + SM + "'/>");
            // the server handled four stanzas of the client's (the pings), not the <a/> or <r/>
            assertThat(raw.readUntil("</a>", WAIT).replace('"', '\'')).contains("<a ").contains("h='4'");
        }
    }
}
