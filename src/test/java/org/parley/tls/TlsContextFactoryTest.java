package org.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TlsContextFactoryTest {

    private static final int TIMEOUT_MILLIS = 10_000;
    /** The name the client connects to; the certificate must carry it for endpoint identification to pass. */
    private static final String DOMAIN = "localhost";

    private TlsMaterial material;
    private TlsContextFactory factory;
    private SSLServerSocket server;
    private ExecutorService acceptor;

    @BeforeEach
    void setUp() throws Exception {
        // The real clock: the client validates the certificate against the current time.
        material = SelfSignedCertificate.generate(DOMAIN, Clock.systemUTC());
        factory = new TlsContextFactory(material);
        server = (SSLServerSocket) factory.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(factory.enabledProtocols());
        server.setEnabledCipherSuites(factory.enabledCipherSuites());
        server.setSoTimeout(TIMEOUT_MILLIS);
        acceptor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        acceptor.shutdownNow();
        assertThat(acceptor.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void offersOnlyTls13And12() {
        assertThat(TlsContextFactory.PROTOCOLS).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(factory.enabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(server.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    @Test
    void cipherSuitesAreTheJdkDefaultsWithoutWeakOnes() throws Exception {
        String[] suites = factory.enabledCipherSuites();
        String[] defaults = SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();

        assertThat(suites).isNotEmpty().isSubsetOf(defaults).contains("TLS_AES_128_GCM_SHA256");
        assertThat(suites).noneMatch(s -> s.matches(".*_(NULL|anon|EXPORT|DES|RC4|3DES)_.*"));
        assertThat(TlsContextFactory.isAcceptableSuite("TLS_RSA_WITH_3DES_EDE_CBC_SHA")).isFalse();
        assertThat(TlsContextFactory.isAcceptableSuite("TLS_ECDH_anon_WITH_AES_128_CBC_SHA")).isFalse();
        assertThat(TlsContextFactory.isAcceptableSuite("SSL_RSA_EXPORT_WITH_RC4_40_MD5")).isFalse();
        assertThat(TlsContextFactory.isAcceptableSuite("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")).isTrue();
    }

    @Test
    void serverEngineAppliesThePolicy() {
        SSLEngine engine = factory.newServerEngine();

        assertThat(engine.getUseClientMode()).isFalse();
        assertThat(engine.getNeedClientAuth()).isFalse();
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder(factory.enabledProtocols());
        assertThat(engine.getEnabledCipherSuites()).containsExactlyInAnyOrder(factory.enabledCipherSuites());
    }

    @Test
    void handshakesWithTls13() throws Exception {
        assertThat(handshake("TLSv1.3", "TLSv1.2")).isEqualTo("TLSv1.3");
    }

    @Test
    void handshakesWithAClientLimitedToTls12() throws Exception {
        assertThat(handshake("TLSv1.2")).isEqualTo("TLSv1.2");
    }

    @Test
    void refusesAClientLimitedToTls11() {
        // The JDK client may refuse TLSv1.1 itself (jdk.tls.disabledAlgorithms); either way no session results,
        // and offersOnlyTls13And12 shows the server side would not accept it.
        assertThatThrownBy(() -> handshake("TLSv1.1")).isInstanceOf(SSLException.class);
    }

    /** Connects a client that trusts exactly the generated certificate and returns the negotiated protocol. */
    private String handshake(String... clientProtocols) throws Exception {
        Future<String> accepted = acceptor.submit(() -> {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                int ping = socket.getInputStream().read();
                socket.getOutputStream().write(ping);
                socket.getOutputStream().flush();
                return socket.getSession().getProtocol();
            }
        });
        String protocol;
        try {
            protocol = connectClient(clientProtocols);
        } catch (IOException | RuntimeException | AssertionError clientFailure) {
            // The server side then ends with an exception of its own; only make sure it has finished.
            assertThatThrownBy(() -> accepted.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class);
            throw clientFailure;
        }
        // Read only after the client closed: closing a TLS 1.3 socket waits for the peer's close_notify.
        assertThat(accepted.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(protocol);
        return protocol;
    }

    private String connectClient(String... clientProtocols) throws Exception {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                    TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            try (SSLSocket client = (SSLSocket) clientContext().getSocketFactory()
                    .createSocket(plain, DOMAIN, server.getLocalPort(), true)) {
                SSLParameters parameters = client.getSSLParameters();
                parameters.setProtocols(clientProtocols);
                // Check the certificate names the host, as an XMPP client checks it names the domain.
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(parameters);
                client.startHandshake();
                client.getOutputStream().write(42);
                client.getOutputStream().flush();
                assertThat(client.getInputStream().read()).isEqualTo(42);
                assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(material.leaf());
                return client.getSession().getProtocol();
            }
        }
    }

    private SSLContext clientContext() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("parley", material.leaf());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
