package org.parley.it.xep0198;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.RawTlsSession;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * XEP-0198 misuse, as raw XML: each gets the answer the XEP prescribes (§3, §4, §5, §6), and neither the session
 * concerned nor the server is harmed: the stream goes on after a recoverable {@code <failed/>}, a waiting session can
 * still be resumed by its owner after a forged or wrong {@code <resume/>}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SmBadInputIT {

    private static final String SM = "urn:xmpp:sm:3";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern ID = Pattern.compile("id=['\"]([^'\"]+)['\"]");

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of("sm.resume_timeout", "60"));

    @Test
    @DisplayName("XEP-0198 §3/§5: <enable/> and <resume/> before authentication → <failed><unexpected-request/>")
    void beforeAuthentication() throws Exception {
        TestServer server = SERVER.server();
        try (RawTlsSession raw = RawTlsSession.open(server.port(), server.trustManager(), null, null, null, 65536)) {
            raw.send("<enable xmlns='" + SM + "' resume='true'/>");
            assertThat(raw.readUntil("</failed>", WAIT)).contains("unexpected-request");
            raw.send("<resume xmlns='" + SM + "' previd='AAAAAAAAAAAAAAAAAAAAAA' h='0'/>");
            assertThat(raw.readUntil("</failed>", WAIT)).contains("unexpected-request");
        }
    }

    @Test
    @DisplayName("XEP-0198 §3: <enable/> before binding, and a second <enable/>, → <failed><unexpected-request/>;"
            + " the stream goes on")
    void enableBeforeBindAndTwice() throws Exception {
        TestServer server = SERVER.server();
        String name = user(server);
        try (RawTlsSession raw = RawTlsSession.open(server.port(), server.trustManager(), name, "sm-password", null,
                65536)) {
            raw.send("<enable xmlns='" + SM + "'/>");
            assertThat(raw.readUntil("</failed>", WAIT)).contains("unexpected-request");
            raw.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
            raw.readUntil("</iq>", WAIT);
            raw.send("<enable xmlns='" + SM + "'/>");
            assertThat(element(raw, "enabled")).doesNotContain("resume");
            raw.send("<enable xmlns='" + SM + "' resume='true'/>");
            assertThat(raw.readUntil("</failed>", WAIT)).contains("unexpected-request");
            ping(raw, "p1");
            // <r/> is answered with the count of stanzas handled: the ping
            raw.send("<r xmlns='" + SM + "'/>");
            assertThat(element(raw, "a")).contains("h='1'");
        }
    }

    @Test
    @DisplayName("XEP-0198 §5: a forged previd → <failed><item-not-found/>; the client can still bind")
    void forgedPrevid() throws Exception {
        TestServer server = SERVER.server();
        String name = user(server);
        try (RawTlsSession raw = RawTlsSession.open(server.port(), server.trustManager(), name, "sm-password", null,
                65536)) {
            raw.send("<resume xmlns='" + SM + "' previd='forged-0123456789abcdef' h='0'/>");
            assertThat(raw.readUntil("</failed>", WAIT)).contains("item-not-found");
            raw.send("<resume xmlns='" + SM + "' previd='x' h='-1'/>");
            assertThat(raw.readUntil("</failed>", WAIT)).contains("bad-request");
            raw.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
            assertThat(raw.readUntil("</iq>", WAIT)).contains("<jid>");
            raw.send("<resume xmlns='" + SM + "' previd='forged-0123456789abcdef' h='0'/>");
            assertThat(raw.readUntil("</failed>", WAIT)).contains("unexpected-request");
        }
    }

    @Test
    @DisplayName("XEP-0198 §5: another account's previd finds nothing, and an h beyond what was sent is a stream"
            + " error; the waiting session is unharmed and its owner resumes it")
    void otherAccountAndWrongHLeaveTheSessionAlone() throws Exception {
        TestServer server = SERVER.server();
        String juliet = user(server);
        String romeo = user(server);
        String id;
        RawTlsSession first = RawTlsSession.login(server.port(), server.trustManager(), juliet, "sm-password",
                "balcony", 65536);
        first.send("<enable xmlns='" + SM + "' resume='true'/>");
        String enabled = element(first, "enabled");
        assertThat(enabled).contains("resume='true'").contains("max='60'");
        Matcher m = ID.matcher(enabled);
        assertThat(m.find()).as("an id in %s", enabled).isTrue();
        id = m.group(1);
        ping(first, "p1");
        first.cut();

        try (RawTlsSession thief = RawTlsSession.open(server.port(), server.trustManager(), romeo, "sm-password",
                null, 65536)) {
            thief.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            String failed = thief.readUntil("</failed>", WAIT);
            assertThat(failed).contains("item-not-found").doesNotContain("h=");
        }
        try (RawTlsSession wrong = RawTlsSession.open(server.port(), server.trustManager(), juliet, "sm-password",
                null, 65536)) {
            // the server sent juliet one stanza (the ping result): 7 is too high
            wrong.send("<resume xmlns='" + SM + "' previd='" + id + "' h='7'/>");
            String error = wrong.readToEnd(WAIT).replace('"', '\'');
            assertThat(error).contains("undefined-condition").contains("handled-count-too-high")
                    .contains("send-count='1'");
        }
        try (RawTlsSession again = RawTlsSession.open(server.port(), server.trustManager(), juliet, "sm-password",
                null, 65536)) {
            again.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            String resumed = element(again, "resumed");
            assertThat(resumed).contains("h='1'"); // the server handled one stanza of hers: the ping
            // the unacknowledged ping result is sent again, then the stream serves the old session
            assertThat(again.readUntil("</iq>", WAIT).replace('"', '\'')).contains("id='p1'");
            ping(again, "p2");
        }
    }

    @Test
    @DisplayName("XEP-0198 §4: <a h/> beyond the stanzas sent → stream error undefined-condition with"
            + " handled-count-too-high")
    void ackTooHigh() throws Exception {
        TestServer server = SERVER.server();
        String name = user(server);
        try (RawTlsSession raw = RawTlsSession.login(server.port(), server.trustManager(), name, "sm-password",
                "r", 65536)) {
            raw.send("<enable xmlns='" + SM + "'/>");
            element(raw, "enabled");
            raw.send("<a xmlns='" + SM + "' h='5'/>");
            String error = raw.readToEnd(WAIT).replace('"', '\'');
            assertThat(error).contains("<stream:error").contains("undefined-condition")
                    .contains("handled-count-too-high").contains("h='5'").contains("send-count='0'");
        }
    }

    private static String user(TestServer server) {
        String name = TestServer.uniqueName("sm");
        server.createUser(name, "sm-password");
        return name;
    }

    private static void ping(RawTlsSession raw, String id) throws Exception {
        raw.send("<iq type='get' id='" + id + "' to='" + TestServer.DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertThat(raw.readUntil("</iq>", WAIT).replace('"', '\'')).contains("id='" + id + "'");
    }

    /** The start tag of the next {@code <name …>} element, quotes normalised to single ones. */
    private static String element(RawTlsSession raw, String name) throws Exception {
        raw.readUntil("<" + name + " ", WAIT);
        return ("<" + name + " " + raw.readUntil(">", WAIT)).replace('"', '\'');
    }
}
