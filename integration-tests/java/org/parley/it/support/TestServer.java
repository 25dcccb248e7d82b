package org.parley.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.parley.account.AccountService;
import org.parley.account.RegistrationResult;
import org.parley.config.ConfigLoader;
import org.parley.config.ServerConfig;
import org.parley.server.ParleyServer;
import org.parley.server.ServerBootstrap;
import org.parley.tls.ReloadableTls;
import org.parley.xmpp.BareJid;

/**
 * A real Parley server for one test class: in this JVM, on 127.0.0.1 port 0, with its own temporary data directory
 * and its own generated certificate, which {@link #trustManager()} trusts (and nothing else). {@link #restart()} keeps
 * the data directory, as an operator's restart would.
 */
public final class TestServer implements AutoCloseable {

    public static final String DOMAIN = "parley.test";
    private static final AtomicInteger USER_COUNTER = new AtomicInteger();

    private final Path dir;
    private final Map<String, String> settings = new HashMap<>();
    private ParleyServer server;

    private TestServer(Path dir, Map<String, String> extra) {
        this.dir = dir;
        settings.put("domain", DOMAIN);
        settings.put("c2s.bind", "127.0.0.1");
        settings.put("c2s.port", "0");
        settings.put("proxy65.port", "0"); // never a fixed port: test classes run servers side by side
        settings.put("c2s.direct_tls.port", "0");
        settings.put("data.dir", dir.resolve("data").toString());
        settings.put("tls.cert", dir.resolve("certs/fullchain.pem").toString());
        settings.put("tls.key", dir.resolve("certs/privkey.pem").toString());
        // the RFC minimum keeps test logins fast; production uses the configured default
        settings.put("account.scram.iterations", "4096");
        settings.put("shutdown.grace", "2");
        settings.putAll(extra);
    }

    /** Starts a server with the test defaults plus {@code extra} configuration keys. */
    public static TestServer start(Map<String, String> extra) {
        try {
            TestServer server = new TestServer(Files.createTempDirectory("parley-it-"), extra);
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start() {
        return start(Map.of());
    }

    private void startServer() {
        try {
            Path emptyConfig = dir.resolve("parley.properties");
            if (!Files.exists(emptyConfig)) {
                Files.writeString(emptyConfig, "# test configuration: everything comes from --set style overrides\n");
            }
            ServerConfig config = ConfigLoader.load(Optional.of(emptyConfig), settings);
            server = ServerBootstrap.start(config);
        } catch (Exception e) {
            throw new IllegalStateException("test server failed to start", e);
        }
    }

    /** Stops the server and starts a new one on the same data directory and certificate. */
    public void restart() {
        server.close();
        startServer();
    }

    public int port() {
        return server.c2sPort();
    }

    /** The direct TLS (XEP-0368) port; fails when the listener is off. */
    public int directTlsPort() {
        return server.directTlsPort().orElseThrow();
    }

    /** Re-reads the certificate files, as SIGHUP does. */
    public ReloadableTls.Outcome reloadCertificate() {
        return server.reloadCertificate();
    }

    public Path dir() {
        return dir;
    }

    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    public AccountService accounts() {
        return server.accounts();
    }

    /** The class of the handler that serves this stanza (see {@code ParleyServer#handlerFor}). */
    public String handlerFor(String stanzaXml) {
        return server.handlerFor(stanzaXml);
    }

    public int connectionCount() {
        return server.connectionCount();
    }

    /** A fresh, unique user name for one test ({@code prefix-N}). */
    public static String uniqueName(String prefix) {
        return prefix + "-" + USER_COUNTER.incrementAndGet();
    }

    /** Creates an account directly in the server's store. */
    public BareJid createUser(String local, String password) {
        BareJid jid = new BareJid(local, DOMAIN);
        RegistrationResult result = accounts().register(jid, password);
        if (!(result instanceof RegistrationResult.Created)) {
            throw new IllegalStateException("could not create " + jid + ": " + result);
        }
        return jid;
    }

    /** The server's certificate, as clients would pin it. */
    public X509Certificate certificate() {
        try (InputStream in = Files.newInputStream(dir.resolve("certs/fullchain.pem"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test server's certificate", e);
        }
    }

    /** A trust manager that trusts exactly this server's certificate. */
    public X509TrustManager trustManager() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("parley", certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a trust manager for the test certificate", e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftover temp files do not affect other tests: each uses its own directory
        }
    }
}
