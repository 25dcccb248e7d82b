package org.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import javax.net.ssl.ExtendedSSLSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChannelBindingDataTest {

    @Test
    @DisplayName("RFC 5929 §4.1: a SHA256withRSA certificate binds as the SHA-256 of its DER encoding")
    void serverEndPointHashesWithTheSignatureHash() throws Exception {
        X509Certificate leaf = SelfSignedCertificate.generate("localhost", Clock.systemUTC()).leaf();

        byte[] expected = MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());

        assertThat(ChannelBindingData.serverEndPoint(leaf)).hasValueSatisfying(
                data -> assertThat(data).isEqualTo(expected));
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
