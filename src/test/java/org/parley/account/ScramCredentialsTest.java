package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScramCredentialsTest {

    private static final int RFC_ITERATIONS = 4096;

    @Test
    @DisplayName("RFC 5802 §5: the SCRAM-SHA-1 example exchange")
    void rfc5802Sha1Vector() {
        byte[] salt = b64("QSXCR+Q6sek8bf92");
        String authMessage = "n=user,r=fyko+d2lbbFgONRv9qkxdawL"
                + "," + "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"
                + "," + "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";

        assertExchange(ScramHash.SHA_1, salt, authMessage,
                "v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", "rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    }

    @Test
    @DisplayName("RFC 7677 §3: the SCRAM-SHA-256 example exchange")
    void rfc7677Sha256Vector() {
        byte[] salt = b64("W22ZaJ0SNY7soEsUEjb6gQ==");
        String nonce = "rOprNGfwEbeRWgbNEkqO" + "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        String authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO"
                + "," + "r=" + nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
                + "," + "c=biws,r=" + nonce;

        assertExchange(ScramHash.SHA_256, salt, authMessage,
                "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    /** Plays the client with the RFC's password, and checks the server side against the RFC's messages. */
    private static void assertExchange(
            ScramHash hash, byte[] salt, String authMessage, String expectedProof, String expectedServerSignature) {
        ScramCredentials server = ScramCredentials.derive(hash, "pencil", salt, RFC_ITERATIONS);

        // Client side, RFC 5802 §3: ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage).
        byte[] saltedPassword = hash.hi("pencil".getBytes(StandardCharsets.UTF_8), salt, RFC_ITERATIONS);
        byte[] clientKey = hash.hmac(saltedPassword, "Client Key");
        byte[] proof = xor(clientKey, server.clientSignature(authMessage));

        assertThat(Base64.getEncoder().encodeToString(proof)).isEqualTo(expectedProof);
        assertThat(Base64.getEncoder().encodeToString(server.serverSignature(authMessage)))
                .isEqualTo(expectedServerSignature);
        assertThat(server.verifyClientProof(b64(expectedProof), authMessage)).isTrue();
        assertThat(server.matches("pencil")).isTrue();

        for (int bit = 0; bit < proof.length * 8; bit += 7) {
            byte[] flipped = b64(expectedProof);
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(server.verifyClientProof(flipped, authMessage)).as("bit %d flipped", bit).isFalse();
        }
        assertThat(server.verifyClientProof(b64(expectedProof), authMessage + "x")).isFalse();
    }

    @Test
    void proofOfTheWrongLengthIsRejected() {
        ScramCredentials credentials = ScramCredentials.derive(ScramHash.SHA_256, "pencil", new byte[16], 4096);

        assertThat(credentials.verifyClientProof(new byte[20], "auth")).isFalse();
        assertThat(credentials.verifyClientProof(new byte[0], "auth")).isFalse();
    }

    @Test
    void matchesOnlyTheSamePassword() {
        ScramCredentials credentials = ScramCredentials.derive(ScramHash.SHA_1, "correct horse", salt(), 4096);

        assertThat(credentials.matches("correct horse")).isTrue();
        assertThat(credentials.matches("correct horse ")).isFalse();
        assertThat(credentials.matches("Correct horse")).isFalse();
        assertThat(credentials.matches("")).isFalse();
        assertThat(credentials.matches("bad\u0007control")).isFalse();
    }

    @Test
    @DisplayName("RFC 4013: spellings SASLprep maps to one string derive the same keys")
    void saslPrepEquivalentSpellingsMatch() {
        ScramCredentials credentials = ScramCredentials.derive(ScramHash.SHA_256, "I\u00ADX\u00A0p\u00E4ss", salt(), 4096);

        assertThat(credentials.matches("IX p\u00E4ss")).isTrue();
        assertThat(credentials.matches("\u2168 pa\u0308ss")).isTrue(); // ROMAN NUMERAL NINE, decomposed ä
    }

    @Test
    void nonAsciiPasswordRoundTrips() {
        ScramCredentials credentials = ScramCredentials.derive(ScramHash.SHA_256, "pässwörd€中文", salt(), 4096);

        assertThat(credentials.matches("pässwörd€中文")).isTrue();
        assertThat(credentials.matches("passwörd€中文")).isFalse();
    }

    @Test
    void deriveRejectsWhatSaslPrepProhibits() {
        assertThatThrownBy(() -> ScramCredentials.derive(ScramHash.SHA_1, "a\u0000b", salt(), 4096))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
    }

    @Test
    void emptyPasswordStillDerives() {
        // HMAC with an empty key is well defined (RFC 2104 pads with zeros); the policy, not the math, forbids it.
        ScramCredentials credentials = ScramCredentials.derive(ScramHash.SHA_1, "", salt(), 4096);

        assertThat(credentials.matches("")).isTrue();
        assertThat(credentials.matches("\u00AD")).isTrue(); // maps to nothing
        assertThat(credentials.matches("x")).isFalse();
    }

    @Test
    void copiesArraysInAndOut() {
        byte[] salt = salt();
        byte[] stored = new byte[20];
        byte[] server = new byte[20];
        ScramCredentials credentials = new ScramCredentials(ScramHash.SHA_1, salt, 4096, stored, server);
        ScramCredentials same = new ScramCredentials(ScramHash.SHA_1, salt.clone(), 4096, stored.clone(), server.clone());

        salt[0] ^= 1;
        stored[0] ^= 1;
        server[0] ^= 1;
        credentials.salt()[1] ^= 1;
        credentials.storedKey()[1] ^= 1;
        credentials.serverKey()[1] ^= 1;

        assertThat(credentials).isNotSameAs(same).isEqualTo(same).hasSameHashCodeAs(same);
    }

    @Test
    void equalityIsByContent() {
        ScramCredentials a = ScramCredentials.derive(ScramHash.SHA_1, "pencil", new byte[] {1, 2, 3}, 4096);
        ScramCredentials b = ScramCredentials.derive(ScramHash.SHA_1, "pencil", new byte[] {1, 2, 3}, 4096);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(ScramCredentials.derive(ScramHash.SHA_1, "pencil", new byte[] {1, 2, 4}, 4096));
        assertThat(a).isNotEqualTo(ScramCredentials.derive(ScramHash.SHA_1, "pencil", new byte[] {1, 2, 3}, 4097));
        assertThat(a).isNotEqualTo(ScramCredentials.derive(ScramHash.SHA_1, "pencil2", new byte[] {1, 2, 3}, 4096));
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        ScramCredentials credentials = ScramCredentials.derive(ScramHash.SHA_256, "pencil", salt(), 4096);
        String text = credentials.toString();

        assertThat(text).contains("SCRAM-SHA-256").contains("4096");
        for (byte[] secret : new byte[][] {credentials.storedKey(), credentials.serverKey(), credentials.salt()}) {
            assertThat(text)
                    .doesNotContain(Base64.getEncoder().encodeToString(secret))
                    .doesNotContain(HexFormat.of().formatHex(secret))
                    .doesNotContain(String.valueOf(secret[0]) + ", " + secret[1]);
        }
    }

    @Test
    void rejectsInconsistentValues() {
        assertThatThrownBy(() -> new ScramCredentials(ScramHash.SHA_256, salt(), 4096, new byte[20], new byte[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new ScramCredentials(ScramHash.SHA_1, new byte[0], 4096, new byte[20], new byte[20]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salt");
        assertThatThrownBy(() -> new ScramCredentials(ScramHash.SHA_1, salt(), 0, new byte[20], new byte[20]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iteration");
    }

    @Test
    void requireHashNamesBothMechanisms() {
        ScramCredentials sha1 = ScramCredentials.derive(ScramHash.SHA_1, "pencil", salt(), 4096);

        assertThat(sha1.requireHash(ScramHash.SHA_1)).isSameAs(sha1);
        assertThatThrownBy(() -> sha1.requireHash(ScramHash.SHA_256))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SCRAM-SHA-256").hasMessageContaining("SCRAM-SHA-1");
    }

    private static byte[] salt() {
        return new byte[] {7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    }

    private static byte[] b64(String text) {
        return Base64.getDecoder().decode(text);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
