package org.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import javax.net.ssl.ExtendedSSLSession;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChannelBindingDataTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(SelfSignedCertificate.KeyType.class)
    @DisplayName("RFC 5929 §4.1: SHA256withRSA and ecdsa-with-SHA256 certificates bind as the SHA-256 of their DER")
    void serverEndPointHashesWithTheSignatureHash(SelfSignedCertificate.KeyType type) throws Exception {
        X509Certificate leaf = SelfSignedCertificate.generate("localhost", Clock.systemUTC(), type).leaf();

        byte[] expected = MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());

        assertThat(ChannelBindingData.serverEndPoint(leaf)).hasValueSatisfying(
                data -> assertThat(data).hasSize(32).isEqualTo(expected));
    }

    @Test
    @DisplayName("RFC 5929 §4.1: an ecdsa-with-SHA384 certificate binds with SHA-384, not SHA-256")
    void ecdsaWithSha384BindsWithSha384() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now), Date.from(now.plusSeconds(3600)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA384withECDSA").build(pair.getPrivate())));

        byte[] expected = MessageDigest.getInstance("SHA-384").digest(leaf.getEncoded());

        assertThat(ChannelBindingData.serverEndPoint(leaf)).hasValueSatisfying(
                data -> assertThat(data).hasSize(48).isEqualTo(expected));
    }

    @Test
    @DisplayName("tls-exporter is offered only where the runtime has a keying material exporter")
    void exporterOnlyWhereTheRuntimeHasOne() {
        boolean hasExporter = Arrays.stream(ExtendedSSLSession.class.getMethods())
                .anyMatch(m -> m.getName().equals("exportKeyingMaterialData"));

        assertThat(ChannelBindingData.supportedTypes()).endsWith(ChannelBindingData.TLS_SERVER_END_POINT);
        assertThat(ChannelBindingData.supportedTypes().contains(ChannelBindingData.TLS_EXPORTER))
                .isEqualTo(hasExporter);
    }
}
