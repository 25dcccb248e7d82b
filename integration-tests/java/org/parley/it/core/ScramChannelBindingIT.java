package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.it.support.CertificateFiles;
import org.parley.it.support.RawXmppClient;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;
import org.parley.tls.ReloadableTls;
import org.parley.tls.SelfSignedCertificate;
import org.parley.tls.TlsMaterial;

/**
 * SCRAM-SHA-256(-PLUS) byte by byte over a real STARTTLS stream, with a client written from RFC 5802 §3 and RFC 5929
 * §4 here (not Smack's): the channel binding data is computed from the certificate the client saw, so a server that
 * bound to anything else would fail. Also sends what a well-behaved client never sends: a wrong binding, a
 * downgrade, a response without an exchange.
 */
class ScramChannelBindingIT {

    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String PASSWORD = "channel-bound";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @ParameterizedTest(name = "{0} over {1}, {2} certificate")
    @CsvSource({"SCRAM-SHA-256-PLUS, TLSv1.3, EC_P256", "SCRAM-SHA-256-PLUS, TLSv1.2, EC_P256",
        "SCRAM-SHA-256, TLSv1.3, EC_P256", "SCRAM-SHA-1-PLUS, TLSv1.3, EC_P256",
        "SCRAM-SHA-256-PLUS, TLSv1.3, RSA_2048", "SCRAM-SHA-256-PLUS, TLSv1.2, RSA_2048"})
    @DisplayName("RFC 7677, RFC 5929 §4: the login succeeds and the server proves it knows the verifier")
    void login(String mechanism, String protocol, SelfSignedCertificate.KeyType certificate) throws Exception {
        useCertificate(certificate);
        try (RawXmppClient raw = secured(protocol)) {
            assertThat(raw.tlsSession().getPeerCertificates()[0].getPublicKey().getAlgorithm())
                    .isEqualTo(certificate == SelfSignedCertificate.KeyType.RSA_2048 ? "RSA" : "EC");
            boolean plus = mechanism.endsWith("-PLUS");
            byte[] cb = plus ? endPoint(raw) : new byte[0];
            String answer = scram(raw, mechanism, plus ? "p=tls-server-end-point,," : "n,,", cb, newUser());
            assertThat(answer).contains("<success");
        }
    }

    @Test
    @DisplayName("XEP-0440: the encrypted stream's features name tls-server-end-point")
    void channelBindingTypesAdvertised() throws Exception {
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            raw.openStream(TestServer.DOMAIN);
            raw.readUntil("</stream:features>", WAIT);
            String features = raw.startTls(context(), TestServer.DOMAIN, "TLSv1.3");
            assertThat(features).contains("urn:xmpp:sasl-cb:0").contains("tls-server-end-point");
        }
    }

    @Test
    @DisplayName("RFC 5802 §6: channel binding data that is not this connection's (a man in the middle) fails")
    void wrongBinding() throws Exception {
        try (RawXmppClient raw = secured("TLSv1.3")) {
            byte[] otherCertificate = MessageDigest.getInstance("SHA-256").digest("mitm".getBytes());
            assertThat(scram(raw, "SCRAM-SHA-256-PLUS", "p=tls-server-end-point,,", otherCertificate, newUser()))
                    .contains("<not-authorized");
        }
    }

    @Test
    @DisplayName("RFC 5802 §6: gs2 flag 'y' while -PLUS is offered fails (downgrade)")
    void downgrade() throws Exception {
        try (RawXmppClient raw = secured("TLSv1.3")) {
            assertThat(scram(raw, "SCRAM-SHA-256", "y,,", new byte[0], newUser())).contains("<not-authorized");
        }
    }

    @Test
    @DisplayName("RFC 6120 §6.4.3: a <response/> with no exchange is malformed-request; the stream stays usable")
    void strayResponse() throws Exception {
        try (RawXmppClient raw = secured("TLSv1.3")) {
            raw.send("<response xmlns='" + SASL + "'>biwsbj11c2VyLHI9YWJj</response>");
            assertThat(raw.readUntil("</failure>", WAIT)).contains("<malformed-request");
            raw.clear();
            assertThat(scram(raw, "SCRAM-SHA-256", "n,,", new byte[0], newUser())).contains("<success");
        }
    }

    @Test
    @DisplayName("RFC 6120 §6.4.4: <abort/> in the middle of SCRAM gets <aborted/>, and a new attempt works")
    void abortMidway() throws Exception {
        try (RawXmppClient raw = secured("TLSv1.3")) {
            raw.send("<auth xmlns='" + SASL + "' mechanism='SCRAM-SHA-256'>" + b64(utf8("n,,n=someone,r=abc"))
                    + "</auth>");
            assertThat(raw.readUntil("</challenge>", WAIT)).contains("<challenge");
            raw.clear();
            raw.send("<abort xmlns='" + SASL + "'/>");
            assertThat(raw.readUntil("</failure>", WAIT)).contains("<aborted");
            raw.clear();
            assertThat(scram(raw, "SCRAM-SHA-256", "n,,", new byte[0], newUser())).contains("<success");
        }
    }

    /**
     * Makes the server present a certificate with a key of {@code type}: the generated ECDSA one, or an operator's
     * RSA one installed and reloaded as after a renewal. Every test uses the certificate in place when it starts, so
     * the order of the tests does not matter.
     */
    private static void useCertificate(SelfSignedCertificate.KeyType type) throws Exception {
        String algorithm = type == SelfSignedCertificate.KeyType.RSA_2048 ? "RSA" : "EC";
        if (SERVER.server().certificate().getPublicKey().getAlgorithm().equals(algorithm)) {
            return;
        }
        TlsMaterial material = SelfSignedCertificate.generate(TestServer.DOMAIN, Clock.systemUTC(), type);
        Path certs = SERVER.server().dir().resolve("certs");
        CertificateFiles.write(material, certs.resolve("fullchain.pem"), certs.resolve("privkey.pem"));
        assertThat(SERVER.server().reloadCertificate()).isInstanceOf(ReloadableTls.Outcome.Replaced.class);
    }

    private static String newUser() {
        String name = TestServer.uniqueName("cb");
        SERVER.server().createUser(name, PASSWORD);
        return name;
    }

    private static RawXmppClient secured(String protocol) throws Exception {
        RawXmppClient raw = new RawXmppClient(SERVER.server().port());
        raw.openStream(TestServer.DOMAIN);
        raw.readUntil("</stream:features>", WAIT);
        raw.startTls(context(), TestServer.DOMAIN, protocol);
        raw.clear();
        return raw;
    }

    private static SSLContext context() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {SERVER.server().trustManager()}, null);
        return context;
    }

    /** RFC 5929 §4.1 for the SHA-256-signed certificates (ecdsa-with-SHA256, SHA256withRSA) used here. */
    private static byte[] endPoint(RawXmppClient raw) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(raw.tlsSession().getPeerCertificates()[0].getEncoded());
    }

    /** A whole SCRAM exchange; returns the server's last answer. */
    private static String scram(RawXmppClient raw, String mechanism, String gs2Header, byte[] cbData, String user)
            throws Exception {
        boolean sha1 = mechanism.startsWith("SCRAM-SHA-1");
        String bare = "n=" + user + ",r=clientnonce";
        raw.send("<auth xmlns='" + SASL + "' mechanism='" + mechanism + "'>" + b64(utf8(gs2Header + bare))
                + "</auth>");
        String answer = raw.readUntilAny(WAIT, "</challenge>", "</failure>");
        if (!answer.contains("<challenge")) {
            return answer;
        }
        String serverFirst = new String(Base64.getDecoder().decode(between(answer, ">", "</challenge>")),
                StandardCharsets.UTF_8);
        Map<String, String> attributes = new HashMap<>();
        for (String attribute : serverFirst.split(",")) {
            attributes.put(attribute.substring(0, 1), attribute.substring(2));
        }
        byte[] header = utf8(gs2Header);
        byte[] c = new byte[header.length + cbData.length];
        System.arraycopy(header, 0, c, 0, header.length);
        System.arraycopy(cbData, 0, c, header.length, cbData.length);
        String withoutProof = "c=" + b64(c) + ",r=" + attributes.get("r");
        String authMessage = bare + "," + serverFirst + "," + withoutProof;
        String hmac = sha1 ? "HmacSHA1" : "HmacSHA256";
        byte[] salted = hi(hmac, utf8(PASSWORD), Base64.getDecoder().decode(attributes.get("s")),
                Integer.parseInt(attributes.get("i")));
        byte[] clientKey = hmac(hmac, salted, utf8("Client Key"));
        byte[] storedKey = MessageDigest.getInstance(sha1 ? "SHA-1" : "SHA-256").digest(clientKey);
        byte[] signature = hmac(hmac, storedKey, utf8(authMessage));
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] ^= signature[i];
        }
        raw.clear();
        raw.send("<response xmlns='" + SASL + "'>" + b64(utf8(withoutProof + ",p=" + b64(clientKey)))
                + "</response>");
        String last = raw.readUntilAny(WAIT, "</success>", "</failure>");
        if (last.contains("<success")) {
            byte[] serverKey = hmac(hmac, salted, utf8("Server Key"));
            String expected = "v=" + b64(hmac(hmac, serverKey, utf8(authMessage)));
            assertThat(new String(Base64.getDecoder().decode(between(last, ">", "</success>")),
                    StandardCharsets.UTF_8)).as("server-final-message").isEqualTo(expected);
        }
        return last;
    }

    private static byte[] hi(String algorithm, byte[] password, byte[] salt, int iterations) throws Exception {
        byte[] block = new byte[salt.length + 4];
        System.arraycopy(salt, 0, block, 0, salt.length);
        block[block.length - 1] = 1;
        byte[] u = hmac(algorithm, password, block);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = hmac(algorithm, password, u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data);
    }

    private static String between(String text, String open, String close) {
        int end = text.lastIndexOf(close);
        return text.substring(text.lastIndexOf(open, end) + 1, end);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
