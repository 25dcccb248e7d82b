package org.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @Test
    void generatesAServerCertificateForTheDomainAndItsSubdomains() throws Exception {
        TlsMaterial material = SelfSignedCertificate.generate("Example.ORG", CLOCK);
        X509Certificate leaf = material.leaf();

        assertThat(material.chain()).hasSize(1);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=example.org");
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(leaf.getSubjectX500Principal());
        assertThat(leaf.getSubjectAlternativeNames())
                .containsExactly(List.of(2, "example.org"), List.of(2, "*.example.org"));
        assertThat(material.dnsNames()).containsExactly("example.org", "*.example.org");
        leaf.verify(leaf.getPublicKey());
    }

    @Test
    void defaultsToEcdsaP256SignedWithSha256() throws Exception {
        X509Certificate leaf = SelfSignedCertificate.generate("example.org", CLOCK).leaf();

        assertThat(leaf.getPublicKey()).isInstanceOfSatisfying(ECPublicKey.class,
                ec -> assertThat(ec.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(leaf.getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
        assertThat(leaf.getSigAlgOID()).as("ecdsa-with-SHA256").isEqualTo("1.2.840.10045.4.3.2");
        boolean[] keyUsage = leaf.getKeyUsage();
        assertThat(keyUsage[0]).as("digitalSignature").isTrue();
        assertThat(keyUsage[2]).as("keyEncipherment: meaningless for an EC key").isFalse();
    }

    @Test
    void canStillGenerateRsa2048() throws Exception {
        TlsMaterial material = SelfSignedCertificate.generate("example.org", CLOCK,
                SelfSignedCertificate.KeyType.RSA_2048);
        X509Certificate leaf = material.leaf();

        assertThat(leaf.getPublicKey()).isInstanceOfSatisfying(RSAPublicKey.class,
                rsa -> assertThat(rsa.getModulus().bitLength()).isEqualTo(2048));
        assertThat(material.key().getAlgorithm()).isEqualTo("RSA");
        assertThat(leaf.getSigAlgName()).isEqualToIgnoringCase("SHA256withRSA");
        assertThat(leaf.getKeyUsage()[2]).as("keyEncipherment").isTrue();
        leaf.verify(leaf.getPublicKey());
    }

    @Test
    void isAValidEndEntityForServerAuthenticationOnly() throws Exception {
        X509Certificate leaf = SelfSignedCertificate.generate("example.org", CLOCK).leaf();

        assertThat(leaf.getVersion()).isEqualTo(3);
        assertThat(leaf.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        boolean[] keyUsage = leaf.getKeyUsage();
        assertThat(keyUsage[0]).as("digitalSignature").isTrue();
        assertThat(keyUsage[5]).as("keyCertSign").isFalse();
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    }

    @Test
    void isValidFromAnHourAgoFor825Days() {
        TlsMaterial material = SelfSignedCertificate.generate("example.org", CLOCK);

        assertThat(material.leaf().getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(material.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(825)));
    }

    @Test
    void serialsAreRandomPositiveAndAtMost128Bits() {
        var first = SelfSignedCertificate.generate("example.org", CLOCK).leaf().getSerialNumber();
        var second = SelfSignedCertificate.generate("example.org", CLOCK).leaf().getSerialNumber();

        assertThat(first.signum()).isPositive();
        assertThat(first.bitLength()).isLessThanOrEqualTo(128);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void fingerprintIsTheSha256OfTheDerInOpensslFormat() throws Exception {
        TlsMaterial material = SelfSignedCertificate.generate("example.org", CLOCK);

        String fingerprint = material.sha256Fingerprint();

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.leaf().getEncoded());
        assertThat(fingerprint)
                .hasSize(95)
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}")
                .isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
    }

    @Test
    void sha1FingerprintIsWhatOlderClientPromptsShow() throws Exception {
        TlsMaterial material = SelfSignedCertificate.generate("example.org", CLOCK);

        byte[] digest = MessageDigest.getInstance("SHA-1").digest(material.leaf().getEncoded());
        assertThat(material.sha1Fingerprint())
                .matches("([0-9A-F]{2}:){19}[0-9A-F]{2}")
                .isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
    }

    @Test
    void toStringNeverShowsTheKey() {
        TlsMaterial material = SelfSignedCertificate.generate("example.org", CLOCK);

        assertThat(material.toString())
                .contains("CN=example.org", material.sha256Fingerprint())
                .doesNotContain("modulus", "exponent", "private");
    }

    @Test
    void rejectsUnusableDomains() {
        assertThatThrownBy(() -> SelfSignedCertificate.generate(" ", CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SelfSignedCertificate.generate("*.example.org", CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
