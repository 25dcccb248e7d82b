package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.xmpp.BareJid;

class ScramServerTest {

    private static final String DOMAIN = "localhost";
    private static final BareJid USER = new BareJid("user", DOMAIN);
    private static final byte[] CERT_HASH = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final ChannelBindings TLS = ChannelBindings.of(Map.of("tls-server-end-point", CERT_HASH));

    @Test
    @DisplayName("RFC 5802 §5: the SCRAM-SHA-1 example, byte for byte")
    void rfc5802Sha1Vector() {
        ScramCredentials stored = ScramCredentials.derive(ScramHash.SHA_1, "pencil", b64("QSXCR+Q6sek8bf92"), 4096);
        SaslExchange exchange = server(stored, "3rfcNHYJY1ZVvWVs7j").start(ScramHash.SHA_1, false,
                ChannelBindings.none());

        assertThat(text(challenge(exchange.respond(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL")))))
                .isEqualTo("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        SaslStep last = exchange.respond(utf8(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));

        assertThat(last).isInstanceOf(SaslStep.Success.class);
        assertThat(((SaslStep.Success) last).user()).isEqualTo(USER);
        assertThat(text(((SaslStep.Success) last).additionalData())).isEqualTo("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    }

    @Test
    @DisplayName("RFC 7677 §3: the SCRAM-SHA-256 example, byte for byte")
    void rfc7677Sha256Vector() {
        ScramCredentials stored = ScramCredentials.derive(ScramHash.SHA_256, "pencil",
                b64("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        SaslExchange exchange = server(stored, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0").start(ScramHash.SHA_256, false,
                ChannelBindings.none());
        String nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

        assertThat(text(challenge(exchange.respond(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")))))
                .isEqualTo("r=" + nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        SaslStep last = exchange.respond(utf8(
                "c=biws,r=" + nonce + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));

        assertThat(text(((SaslStep.Success) last).additionalData()))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    @DisplayName("SCRAM-SHA-256-PLUS with tls-server-end-point: c= carries the header and the certificate hash")
    void plusWithMatchingBinding() {
        SaslStep last = runClient(ScramHash.SHA_256, true, TLS, "p=tls-server-end-point,,", CERT_HASH, "pencil");

        assertThat(last).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    @DisplayName("a wrong channel binding (another certificate, as a man in the middle has) is not-authorized")
    void wrongChannelBinding() {
        byte[] otherCertificate = {9, 9, 9};

        assertFailure(runClient(ScramHash.SHA_256, true, TLS, "p=tls-server-end-point,,", otherCertificate, "pencil"),
                SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("a channel binding type the connection does not offer is not-authorized")
    void unsupportedBindingType() {
        SaslExchange exchange = server(stored(ScramHash.SHA_256), "s").start(ScramHash.SHA_256, true, TLS);

        assertFailure(exchange.respond(utf8("p=tls-unique,,n=user,r=abc")), SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("RFC 5802 §6: gs2 flag 'y' while the server offers -PLUS is a downgrade and fails")
    void downgradeDetected() {
        SaslExchange exchange = server(stored(ScramHash.SHA_256), "s").start(ScramHash.SHA_256, false, TLS);

        assertFailure(exchange.respond(utf8("y,,n=user,r=abc")), SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("gs2 flag 'y' where no channel binding is possible is accepted")
    void yWithoutBindingIsFine() {
        assertThat(runClient(ScramHash.SHA_1, false, ChannelBindings.none(), "y,,", new byte[0], "pencil"))
                .isInstanceOf(SaslStep.Success.class);
    }

    @Test
    @DisplayName("-PLUS without channel binding, and binding with a non-PLUS mechanism, are malformed")
    void flagMismatch() {
        assertFailure(server(stored(ScramHash.SHA_256), "s").start(ScramHash.SHA_256, true, TLS)
                .respond(utf8("n,,n=user,r=abc")), SaslFailure.MALFORMED_REQUEST);
        assertFailure(server(stored(ScramHash.SHA_256), "s").start(ScramHash.SHA_256, false, TLS)
                .respond(utf8("p=tls-server-end-point,,n=user,r=abc")), SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    @DisplayName("a wrong password, and an unknown user, fail only at the proof, with not-authorized")
    void wrongProofAndUnknownUser() {
        assertFailure(runClient(ScramHash.SHA_256, false, TLS, "n,,", new byte[0], "wrong"),
                SaslFailure.NOT_AUTHORIZED);

        ScramServer server = server(stored(ScramHash.SHA_256), "s");
        SaslExchange unknown = server.start(ScramHash.SHA_256, false, TLS);
        String serverFirst = text(challenge(unknown.respond(utf8("n,,n=nobody,r=abc"))));
        assertThat(serverFirst).startsWith("r=abcs,s=").endsWith(",i=4096");
        // the decoy salt is stable, so asking twice does not tell a real account from a missing one
        assertThat(text(challenge(server.start(ScramHash.SHA_256, false, TLS).respond(utf8("n,,n=nobody,r=abc")))))
                .isEqualTo(serverFirst);
        assertFailure(unknown.respond(utf8("c=biws,r=abcs,p=AAAA")), SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("an authzid naming the user itself is fine; another user is invalid-authzid")
    void authzid() {
        assertThat(runClient(ScramHash.SHA_1, false, TLS, "n,a=user@localhost,", new byte[0], "pencil"))
                .isInstanceOf(SaslStep.Success.class);
        assertFailure(server(stored(ScramHash.SHA_1), "s").start(ScramHash.SHA_1, false, TLS)
                .respond(utf8("n,a=admin,n=user,r=abc")), SaslFailure.INVALID_AUTHZID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "n,", "n,,", "q,,n=user,r=a", "n,x=1,n=user,r=a", "n,,r=a,n=user",
        "n,,n=user", "n,,m=ext,n=user,r=a", "n,,n=us=3Xer,r=a", "n,,n=user,r=a,b", "p=,,n=user,r=a"})
    @DisplayName("a malformed client-first-message is malformed-request")
    void malformedClientFirst(String message) {
        SaslExchange exchange = server(stored(ScramHash.SHA_256), "s").start(ScramHash.SHA_256, false, TLS);
        if (message.isEmpty()) {
            challenge(exchange.respond(new byte[0])); // the one empty challenge of RFC 6120 §6.4.2
        }

        assertFailure(exchange.respond(utf8(message)), SaslFailure.MALFORMED_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c=biws,r=abcs", "r=abcs,c=biws,p=AAAA", "c=biws,p=AAAA", "c=biws,r=abcs,p=@@@"})
    @DisplayName("a malformed client-final-message fails")
    void malformedClientFinal(String message) {
        SaslExchange exchange = server(stored(ScramHash.SHA_256), "s").start(ScramHash.SHA_256, false, TLS);
        challenge(exchange.respond(utf8("n,,n=user,r=abc")));

        assertThat(exchange.respond(utf8(message))).isInstanceOf(SaslStep.Failure.class);
        assertFailure(exchange.respond(utf8(message)), SaslFailure.MALFORMED_REQUEST); // over after a failure
    }

    @Test
    @DisplayName("invalid UTF-8 is incorrect-encoding")
    void invalidUtf8() {
        SaslExchange exchange = server(stored(ScramHash.SHA_256), "s").start(ScramHash.SHA_256, false, TLS);

        assertFailure(exchange.respond(new byte[] {'n', ',', ',', (byte) 0xC3}), SaslFailure.INCORRECT_ENCODING);
    }

    @Test
    @DisplayName("a name with '=2C' is decoded before it is looked up, and an escaped name is prepared")
    void saslNameEscapes() {
        assertThat(ScramMessages.encodeSaslName("a,b=c")).isEqualTo("a=2Cb=3Dc");
        SaslExchange exchange = server(stored(ScramHash.SHA_256), "s").start(ScramHash.SHA_256, false, TLS);
        // "USER" is the same account: JID localparts are case-insensitive in Parley
        assertThat(exchange.respond(utf8("n,,n=USER,r=abc"))).isInstanceOf(SaslStep.Challenge.class);
    }

    /** Runs a full client against the server, computing the proof as RFC 5802 §3 does. */
    private static SaslStep runClient(ScramHash hash, boolean plus, ChannelBindings bindings, String gs2Header,
            byte[] cbData, String password) {
        SaslExchange exchange = server(stored(hash), "srv").start(hash, plus, bindings);
        String bare = "n=user,r=cli";
        String serverFirst = text(challenge(exchange.respond(utf8(gs2Header + bare))));
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[header.length + cbData.length];
        System.arraycopy(header, 0, c, 0, header.length);
        System.arraycopy(cbData, 0, c, header.length, cbData.length);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(c) + ",r=clisrv";
        String authMessage = bare + "," + serverFirst + "," + withoutProof;
        byte[] salted = hash.hi(utf8(password), salt(), 4096);
        byte[] clientKey = hash.hmac(salted, "Client Key");
        byte[] signature = hash.hmac(hash.digest(clientKey), authMessage);
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] ^= signature[i];
        }
        return exchange.respond(utf8(withoutProof + ",p=" + Base64.getEncoder().encodeToString(clientKey)));
    }

    private static ScramServer server(ScramCredentials stored, String serverNonce) {
        return new ScramServer((jid, hash) -> jid.equals(USER) && hash == stored.hash()
                ? Optional.of(stored) : Optional.empty(), DOMAIN, () -> serverNonce, new SecureRandom(), 4096);
    }

    private static ScramCredentials stored(ScramHash hash) {
        return ScramCredentials.derive(hash, "pencil", salt(), 4096);
    }

    private static byte[] salt() {
        return utf8("0123456789abcdef");
    }

    private static byte[] challenge(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        return ((SaslStep.Challenge) step).data();
    }

    private static void assertFailure(SaslStep step, SaslFailure expected) {
        assertThat(step).isEqualTo(new SaslStep.Failure(expected));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static byte[] b64(String s) {
        return Base64.getDecoder().decode(s);
    }
}
