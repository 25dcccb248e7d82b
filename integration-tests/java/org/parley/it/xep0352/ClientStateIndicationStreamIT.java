package org.parley.it.xep0352;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.RawXmppClient;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * XEP-0352 at the stream level, over a byte-level client: the feature after authentication only, the elements
 * answered with nothing, an indication before resource binding, an unknown element in the namespace, and the
 * session carrying on normally after each.
 */
class ClientStateIndicationStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CSI = "urn:xmpp:csi:0";

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    private static SSLContext context(TestServer server) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {server.trustManager()}, null);
        return context;
    }

    /** STARTTLS and SASL PLAIN as a new user; returns the features before and after authentication. */
    private static String[] authenticate(TestServer server, RawXmppClient raw) throws Exception {
        String user = TestServer.uniqueName("csi");
        server.createUser(user, "secret-password");
        raw.openStream(TestServer.DOMAIN);
        raw.readUntil("</stream:features>", WAIT);
        String preAuth = raw.startTls(context(server), TestServer.DOMAIN, "TLSv1.3");
        raw.clear();
        String credentials = Base64.getEncoder().encodeToString(
                ("\u0000" + user + "\u0000secret-password").getBytes(StandardCharsets.UTF_8));
        raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>");
        assertThat(raw.readUntil("<success", WAIT)).contains("<success");
        raw.clear();
        raw.openStream(TestServer.DOMAIN);
        String postAuth = raw.readUntil("</stream:features>", WAIT);
        raw.clear();
        return new String[] {preAuth, postAuth};
    }

    private static void bind(RawXmppClient raw) throws Exception {
        raw.send("<iq type='set' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>phone"
                + "</resource></bind></iq>");
        assertThat(raw.readUntil("</iq>", WAIT)).contains("id=\"bind-1\"").contains("type=\"result\"");
        raw.clear();
    }

    /** A ping answered: the stream is alive and everything sent before it was processed. */
    private static String ping(RawXmppClient raw, String id) throws Exception {
        raw.send("<iq type='get' id='" + id + "' to='" + TestServer.DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        String answer = raw.readUntilAny(WAIT, "id=\"" + id + "\"", "</stream:stream>");
        assertThat(answer).as("the stream is alive").contains("id=\"" + id + "\"").doesNotContain("stream:error");
        raw.clear();
        return answer;
    }

    @Test
    @DisplayName("XEP-0352 §4.1: <csi/> is offered after authentication, not before")
    void featureAfterAuthenticationOnly() throws Exception {
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            String[] features = authenticate(SERVER.server(), raw);
            assertThat(features[0]).doesNotContain(CSI);
            assertThat(features[1]).contains("<csi xmlns=\"" + CSI + "\"").contains("urn:ietf:params:xml:ns:xmpp-bind");
        }
    }

    @Test
    @DisplayName("XEP-0352 §4.2: <inactive/> and <active/> are answered with nothing; the session carries on")
    void indicationsHaveNoReply() throws Exception {
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            authenticate(SERVER.server(), raw);
            bind(raw);
            raw.send("<inactive xmlns='" + CSI + "'/>");
            raw.send("<inactive xmlns='" + CSI + "'/>");
            // its own initial presence, reflected to it (RFC 6121 §4.2.2), waits while it is inactive
            raw.send("<presence/>");
            assertThat(ping(raw, "p1")).doesNotContain("error").startsWith("<iq").doesNotContain("<presence");
            raw.send("<active xmlns='" + CSI + "'/>");
            raw.send("<active xmlns='" + CSI + "'/>");
            // §5.1: what was held is written before the answer to what the client sends after <active/>
            String answer = ping(raw, "p2");
            assertThat(answer).doesNotContain("error").startsWith("<presence");
            assertThat(answer.indexOf("<presence")).isLessThan(answer.indexOf("<iq"));
        }
    }

    @Test
    @DisplayName("<inactive/> before resource binding is ignored: binding and the session work, and it is active")
    void beforeBindIgnored() throws Exception {
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            authenticate(SERVER.server(), raw);
            raw.send("<inactive xmlns='" + CSI + "'/>");
            bind(raw);
            ping(raw, "p1");
            // RFC 6121 §4.2.2: initial presence is reflected to the sending resource; an inactive one would get it
            // only on <active/>, so seeing it before the ping's answer shows the resource is active
            raw.send("<presence/>");
            assertThat(ping(raw, "p2")).contains("<presence");
        }
    }

    @Test
    @DisplayName("RFC 6120 §4.9.3.25: an unknown element in the CSI namespace gets the core's answer, as any other")
    void unknownElementInTheNamespace() throws Exception {
        String csiAnswer;
        String otherAnswer;
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            authenticate(SERVER.server(), raw);
            bind(raw);
            raw.send("<sleepy xmlns='" + CSI + "'/>");
            csiAnswer = raw.readUntilAny(Duration.ofSeconds(3), "</stream:stream>", "<iq");
        }
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            authenticate(SERVER.server(), raw);
            bind(raw);
            raw.send("<sleepy xmlns='urn:example:not-csi'/>");
            otherAnswer = raw.readUntilAny(Duration.ofSeconds(3), "</stream:stream>", "<iq");
        }
        // CSI adds no behaviour of its own for what it does not define: the core's stream error, as for any other
        assertThat(csiAnswer).contains("<unsupported-stanza-type").endsWith("</stream:stream>");
        assertThat(csiAnswer.replace(CSI, "NS")).isEqualTo(otherAnswer.replace("urn:example:not-csi", "NS"));
    }

    @Test
    @DisplayName("csi.enabled=false: not offered, and <inactive/> is then an element the server does not support")
    void disabled() throws Exception {
        try (TestServer off = TestServer.start(Map.of("csi.enabled", "false"));
                RawXmppClient raw = new RawXmppClient(off.port())) {
            String[] features = authenticate(off, raw);
            assertThat(features[1]).doesNotContain(CSI).contains("urn:ietf:params:xml:ns:xmpp-bind");
            bind(raw);
            raw.send("<inactive xmlns='" + CSI + "'/>");
            assertThat(raw.readUntilAny(WAIT, "</stream:stream>")).contains("<unsupported-stanza-type");
        }
    }
}
