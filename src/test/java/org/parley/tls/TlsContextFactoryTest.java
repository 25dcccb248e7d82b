package org.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
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
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsContextFactoryTest {

    private static final int TIMEOUT_MILLIS = 10_000;
    /** The name the client connects to; the certificate must carry it for endpoint identification to pass. */
    private static final String DOMAIN = "localhost";

    private TlsMaterial material;
    private TlsContextFactory factory;
    private SSLServerSocket server;
    private ExecutorService acceptor;
    /** The server's side of the last {@link #handshake}. */
    private SSLSession lastServerSession;

    /** Starts a server presenting a fresh self-signed certificate with a key of {@code type}. */
    private void start(SelfSignedCertificate.KeyType type) throws Exception {
        // The real clock: the client validates the certificate against the current time.
        material = SelfSignedCertificate.generate(DOMAIN, Clock.systemUTC(), type);
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
        if (server != null) {
            server.close();
            acceptor.shutdownNow();
            assertThat(acceptor.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @Test
    void offersOnlyTls13And12() throws Exception {
        start(SelfSignedCertificate.KeyType.EC_P256);

        assertThat(TlsContextFactory.PROTOCOLS).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(factory.enabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(server.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    @Test
    void cipherSuitesAreTheJdkDefaultsWithoutWeakOnes() throws Exception {
        start(SelfSignedCertificate.KeyType.EC_P256);
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
    @DisplayName("TLS 1.2 suites for both certificate types: ECDHE-ECDSA and ECDHE-RSA with AES-GCM and ChaCha20")
    void tls12SuitesServeEcdsaAndRsaCertificates() throws Exception {
        start(SelfSignedCertificate.KeyType.EC_P256);

        assertThat(factory.enabledCipherSuites()).contains(
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void serverEngineAppliesThePolicy() throws Exception {
        start(SelfSignedCertificate.KeyType.EC_P256);
        SSLEngine engine = factory.newServerEngine();

        assertThat(engine.getUseClientMode()).isFalse();
        assertThat(engine.getNeedClientAuth()).isFalse();
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder(factory.enabledProtocols());
        assertThat(engine.getEnabledCipherSuites()).containsExactlyInAnyOrder(factory.enabledCipherSuites());
    }

    @Test
    void boundsTheServerSessionCache() throws Exception {
        start(SelfSignedCertificate.KeyType.EC_P256);

        assertThat(factory.sslContext().getServerSessionContext().getSessionCacheSize())
                .isEqualTo(TlsContextFactory.SESSION_CACHE_SIZE).isPositive();
        assertThat(factory.sslContext().getServerSessionContext().getSessionTimeout())
                .isEqualTo(TlsContextFactory.SESSION_TIMEOUT_SECONDS).isPositive();
    }

    @ParameterizedTest(name = "{0} certificate, client offering {1}")
    @CsvSource({
        "EC_P256,  TLSv1.3, TLSv1.3, TLS_AES_",
        "EC_P256,  TLSv1.2, TLSv1.2, TLS_ECDHE_ECDSA_WITH_",
        "RSA_2048, TLSv1.3, TLSv1.3, TLS_AES_",
        "RSA_2048, TLSv1.2, TLSv1.2, TLS_ECDHE_RSA_WITH_",
    })
    void handshakesWithBothKeyTypes(SelfSignedCertificate.KeyType type, String offered, String expectedProtocol,
            String expectedSuitePrefix) throws Exception {
        start(type);

        SSLSession session = handshake(clientContext(new CountingTrustManager()), offered);

        assertThat(session.getProtocol()).isEqualTo(expectedProtocol);
        assertThat(session.getCipherSuite()).startsWith(expectedSuitePrefix).matches(".*(GCM|CHACHA20).*");
    }

    @Test
    void handshakesWithTls13() throws Exception {
        start(SelfSignedCertificate.KeyType.EC_P256);

        assertThat(handshake(clientContext(new CountingTrustManager()), "TLSv1.3", "TLSv1.2").getProtocol())
                .isEqualTo("TLSv1.3");
    }

    @Test
    void refusesAClientLimitedToTls11() throws Exception {
        start(SelfSignedCertificate.KeyType.EC_P256);
        SSLContext client = clientContext(new CountingTrustManager());

        // The JDK client may refuse TLSv1.1 itself (jdk.tls.disabledAlgorithms); either way no session results,
        // and offersOnlyTls13And12 shows the server side would not accept it.
        assertThatThrownBy(() -> handshake(client, "TLSv1.1")).isInstanceOf(SSLException.class);
    }

    /**
     * The second connection of a client that kept its SSLContext skips the certificate: the client is never asked to
     * check one (no server Certificate message in that handshake) and gets back the session it made first.
     */
    @ParameterizedTest(name = "{0} certificate, {1}")
    @CsvSource({"EC_P256, TLSv1.3", "EC_P256, TLSv1.2", "RSA_2048, TLSv1.3", "RSA_2048, TLSv1.2"})
    @DisplayName("a reconnecting client resumes its TLS session (RFC 8446 §2.2, RFC 5077)")
    void aReconnectingClientResumes(SelfSignedCertificate.KeyType type, String protocol) throws Exception {
        start(type);
        CountingTrustManager trust = new CountingTrustManager();
        SSLContext client = clientContext(trust);

        SSLSession first = handshake(client, protocol);
        assertThat(trust.serverChecks).as("full handshake: certificate checked").isEqualTo(1);
        SSLSession second = handshake(client, protocol);

        assertThat(trust.serverChecks).as("resumed: no certificate sent, none checked").isEqualTo(1);
        assertThat(second.getProtocol()).isEqualTo(protocol);
        assertThat(second.getCreationTime()).as("the resumed session is the first one").isEqualTo(
                first.getCreationTime());
        assertThat(second.getPeerCertificates()[0]).isEqualTo(material.leaf());
        // A resumed session must still carry the server's certificate, or tls-server-end-point (and with it the
        // -PLUS mechanisms) would vanish from reconnecting clients' streams.
        assertThat(lastServerSession.getLocalCertificates()).isNotNull();
        assertThat(lastServerSession.getLocalCertificates()[0]).isEqualTo(material.leaf());
        assertThat(ChannelBindingData.of(lastServerSession).get(ChannelBindingData.TLS_SERVER_END_POINT))
                .isEqualTo(ChannelBindingData.serverEndPoint(material.leaf()).orElseThrow());
    }

    @Test
    void aNewContextDoesNotResumeTheOldOnesSessions() throws Exception {
        start(SelfSignedCertificate.KeyType.EC_P256);
        CountingTrustManager trust = new CountingTrustManager();

        handshake(clientContext(trust), "TLSv1.3");
        handshake(clientContext(trust), "TLSv1.3");

        assertThat(trust.serverChecks).as("a client without its old session makes a full handshake").isEqualTo(2);
    }

    /** Connects a client with {@code context} and returns its session once the server has echoed a byte. */
    private SSLSession handshake(SSLContext context, String... clientProtocols) throws Exception {
        Future<SSLSession> accepted = acceptor.submit(() -> {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                int ping = socket.getInputStream().read();
                socket.getOutputStream().write(ping);
                socket.getOutputStream().flush();
                return socket.getSession();
            }
        });
        SSLSession session;
        try {
            session = connectClient(context, clientProtocols);
        } catch (IOException | RuntimeException | AssertionError clientFailure) {
            // The server side then ends with an exception of its own; only make sure it has finished.
            assertThatThrownBy(() -> accepted.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class);
            throw clientFailure;
        }
        // Read only after the client closed: closing a TLS 1.3 socket waits for the peer's close_notify.
        lastServerSession = accepted.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(lastServerSession.getProtocol()).isEqualTo(session.getProtocol());
        return session;
    }

    private SSLSession connectClient(SSLContext context, String... clientProtocols) throws Exception {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                    TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            // Host and port given: the JDK client looks up a session to resume by them.
            try (SSLSocket client = (SSLSocket) context.getSocketFactory()
                    .createSocket(plain, DOMAIN, server.getLocalPort(), true)) {
                SSLParameters parameters = client.getSSLParameters();
                parameters.setProtocols(clientProtocols);
                // Check the certificate names the host, as an XMPP client checks it names the domain.
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(parameters);
                client.startHandshake();
                client.getOutputStream().write(42);
                client.getOutputStream().flush();
                // Reading also takes in the TLS 1.3 NewSessionTicket the server sends after the handshake.
                assertThat(client.getInputStream().read()).isEqualTo(42);
                assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(material.leaf());
                return client.getSession();
            }
        }
    }

    /** A client context that trusts exactly the generated certificate, checked through {@code trust}. */
    private SSLContext clientContext(CountingTrustManager trust) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("parley", material.leaf());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        trust.delegate = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return context;
    }

    /**
     * Counts the server certificates the client is asked to check: one per full handshake, none when a session is
     * resumed. Delegates the check itself, so endpoint identification still runs through the socket's parameters.
     */
    private static final class CountingTrustManager extends X509ExtendedTrustManager {
        private X509ExtendedTrustManager delegate;
        private int serverChecks;

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            serverChecks++;
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            serverChecks++;
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            serverChecks++;
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client never presents a certificate here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client never presents a certificate here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            throw new CertificateException("a client never presents a certificate here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
