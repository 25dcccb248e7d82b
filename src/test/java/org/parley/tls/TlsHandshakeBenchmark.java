package org.parley.tls;

import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Server CPU per TLS handshake (ADR 0017), not run by {@code mvn verify}: a main, started by hand.
 *
 * <p>Client and server {@link SSLEngine}s are paired in memory on one thread, so there are no sockets and no
 * scheduling in the figure; only the time spent inside the server engine's calls (creating it, wrap, unwrap, its
 * delegated tasks) is counted, with {@link ThreadMXBean#getCurrentThreadCpuTime()}. Each handshake ends with one
 * application byte each way, so the client has taken in the TLS 1.3 session ticket before the next one starts.
 *
 * <p>Variants: key (RSA 2048, ECDSA P-256) x handshake (full, resumed by a client that keeps its context) x server
 * provider (the JDK's, and Conscrypt when its jar is on the class path and its native library loads). The client is
 * always the JDK's. Variants are interleaved round by round so that load from other processes falls on all of them
 * alike; the report gives each variant's median over the rounds and its ratio to JDK/EC/full.
 *
 * <p>Arguments: {@code rounds handshakesPerRound protocol}, default {@code 7 200 TLSv1.3}. Example, from the
 * project directory after {@code mvn -o -q test-compile}:
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt):conscrypt-openjdk-uber-2.5.2.jar \
 *     org.parley.tls.TlsHandshakeBenchmark 7 200 TLSv1.3
 * </pre>
 */
public final class TlsHandshakeBenchmark {

    private static final String HOST = "bench.parley.test";
    private static final int PORT = 5222;
    /** Bounds one handshake's message loop; a handshake takes about ten steps. */
    private static final int MAX_STEPS = 1_000;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private TlsHandshakeBenchmark() {}

    /** One server configuration: its context, and the client context that trusts it. */
    private record Variant(String name, SSLContext server, SSLContext client, AtomicInteger certificateChecks,
            boolean resume) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String protocol = args.length > 2 ? args[2] : "TLSv1.3";
        if (rounds < 1 || rounds > 100 || perRound < 1 || perRound > 100_000) {
            throw new IllegalArgumentException("rounds 1..100, handshakes per round 1..100000");
        }
        new TlsHandshakeBenchmark().run(rounds, perRound, protocol);
    }

    private void run(int rounds, int perRound, String protocol) throws Exception {
        Optional<Provider> conscrypt = conscrypt();
        List<Variant> variants = new ArrayList<>();
        for (SelfSignedCertificate.KeyType type : List.of(SelfSignedCertificate.KeyType.EC_P256,
                SelfSignedCertificate.KeyType.RSA_2048)) {
            TlsMaterial material = SelfSignedCertificate.generate(HOST, Clock.systemUTC(), type);
            String key = type == SelfSignedCertificate.KeyType.EC_P256 ? "EC" : "RSA";
            for (boolean resume : List.of(false, true)) {
                String mode = resume ? "resumed" : "full";
                AtomicInteger checks = new AtomicInteger();
                variants.add(new Variant("JDK/" + key + "/" + mode, serverContext(material, null),
                        clientContext(material, checks), checks, resume));
                if (conscrypt.isPresent()) {
                    AtomicInteger nativeChecks = new AtomicInteger();
                    variants.add(new Variant("Conscrypt/" + key + "/" + mode, serverContext(material, conscrypt.get()),
                            clientContext(material, nativeChecks), nativeChecks, resume));
                }
            }
        }
        System.out.printf(Locale.ROOT, "TLS-BENCH java=%s vm=%s protocol=%s rounds=%d handshakes/round=%d conscrypt=%s%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), protocol, rounds, perRound,
                conscrypt.map(Provider::getInfo).orElse("unavailable"));
        // Warm-up: JIT, provider initialisation, the first ticket key; not reported.
        for (int i = 0; i < 3; i++) {
            for (Variant variant : variants) {
                measure(variant, Math.max(50, perRound / 2), protocol);
            }
        }
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            // A different order each round, so no variant always follows the same one.
            List<Variant> order = new ArrayList<>(variants);
            Collections.rotate(order, round);
            for (Variant variant : order) {
                Measurement m = measure(variant, perRound, protocol);
                micros.computeIfAbsent(variant.name(), k -> new ArrayList<>()).add(m.microsPerHandshake());
                if (variant.resume() && m.resumed() < perRound) {
                    System.out.printf(Locale.ROOT, "TLS-BENCH warning %s: only %d of %d handshakes resumed%n",
                            variant.name(), m.resumed(), perRound);
                }
                if (!variant.resume() && m.resumed() > 0) {
                    System.out.printf(Locale.ROOT, "TLS-BENCH warning %s: %d full handshakes resumed%n",
                            variant.name(), m.resumed());
                }
            }
        }
        double baseline = median(micros.get("JDK/EC/full"));
        for (Map.Entry<String, List<Double>> entry : micros.entrySet()) {
            double median = median(entry.getValue());
            System.out.printf(Locale.ROOT, "TLS-BENCH %-22s median %8.1f us server CPU/handshake  x%.2f of JDK/EC/full"
                    + "  rounds %s%n", entry.getKey(), median, median / baseline, format(entry.getValue()));
        }
    }

    private record Measurement(double microsPerHandshake, int resumed) {}

    private Measurement measure(Variant variant, int handshakes, String protocol) throws Exception {
        long serverNanos = 0;
        int checksBefore = variant.certificateChecks().get();
        for (int i = 0; i < handshakes; i++) {
            Pair pair = new Pair(variant, protocol);
            pair.handshake();
            serverNanos += pair.serverNanos;
        }
        // A resumed handshake sends no certificate, so the client checks none.
        int resumed = handshakes - (variant.certificateChecks().get() - checksBefore);
        return new Measurement(serverNanos / 1_000.0 / handshakes, resumed);
    }

    /** One client engine and one server engine, joined by two in-memory buffers. */
    private final class Pair {
        private final SSLEngine client;
        private final SSLEngine server;
        private final ByteBuffer toServer;
        private final ByteBuffer toClient;
        private final ByteBuffer clientApp;
        private final ByteBuffer serverApp;
        private long serverNanos;

        Pair(Variant variant, String protocol) {
            // Host and port make the JDK client offer the session (or ticket) it holds for them; without them it
            // never resumes, which is what the full variants want.
            client = variant.resume() ? variant.client().createSSLEngine(HOST, PORT)
                    : variant.client().createSSLEngine();
            client.setUseClientMode(true);
            client.setEnabledProtocols(new String[] {protocol});
            long start = threads.getCurrentThreadCpuTime();
            server = variant.server().createSSLEngine();
            server.setUseClientMode(false);
            server.setEnabledProtocols(new String[] {protocol});
            if (variant.name().startsWith("Conscrypt")) {
                enableConscryptTickets(server);
            }
            serverNanos += threads.getCurrentThreadCpuTime() - start;
            int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
            toServer = ByteBuffer.allocate(packet * 4);
            toClient = ByteBuffer.allocate(packet * 4);
            clientApp = ByteBuffer.allocate(packet * 2);
            serverApp = ByteBuffer.allocate(packet * 2);
        }

        void handshake() throws SSLException {
            client.beginHandshake();
            long start = threads.getCurrentThreadCpuTime();
            server.beginHandshake();
            serverNanos += threads.getCurrentThreadCpuTime() - start;
            ByteBuffer ping = ByteBuffer.wrap(new byte[] {42});
            ByteBuffer pong = ByteBuffer.wrap(new byte[] {43});
            boolean clientGotPong = false;
            for (int step = 0; step < MAX_STEPS; step++) {
                boolean clientDone = client.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
                boolean serverDone = server.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
                // client → server
                clientStep(clientDone ? ping : ByteBuffer.allocate(0));
                // server ← client, server → client
                serverStep(serverDone && serverApp.position() > 0 ? pong : ByteBuffer.allocate(0));
                clientGotPong = clientApp.position() > 0;
                if (clientGotPong && !pong.hasRemaining() && toServer.position() == 0 && toClient.position() == 0) {
                    return;
                }
            }
            throw new IllegalStateException("handshake did not finish in " + MAX_STEPS + " steps");
        }

        private void clientStep(ByteBuffer app) throws SSLException {
            client.wrap(app, toServer);
            runTasks(client);
            toClient.flip();
            client.unwrap(toClient, clientApp);
            toClient.compact();
            runTasks(client);
        }

        private void serverStep(ByteBuffer app) throws SSLException {
            long start = threads.getCurrentThreadCpuTime();
            toServer.flip();
            SSLEngineResult result;
            do {
                result = server.unwrap(toServer, serverApp);
                runTasks(server);
            } while (result.getStatus() == SSLEngineResult.Status.OK && toServer.hasRemaining()
                    && result.bytesConsumed() > 0);
            toServer.compact();
            do {
                result = server.wrap(app, toClient);
                runTasks(server);
            } while (result.getStatus() == SSLEngineResult.Status.OK && result.bytesProduced() > 0
                    && server.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
            serverNanos += threads.getCurrentThreadCpuTime() - start;
        }

    }

    /** Conscrypt's server issues no session tickets unless asked, and without them TLS 1.3 does not resume. */
    private static void enableConscryptTickets(SSLEngine engine) {
        try {
            Class.forName("org.conscrypt.Conscrypt").getMethod("setUseSessionTickets", SSLEngine.class, boolean.class)
                    .invoke(null, engine, true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Conscrypt without setUseSessionTickets", e);
        }
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    private static SSLContext serverContext(TlsMaterial material, Provider provider) throws Exception {
        if (provider == null) {
            // The production context: same key manager, session cache bounds and defaults.
            return new TlsContextFactory(material).sslContext();
        }
        char[] password = "bench".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", material.key(), password, material.chain().toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS", provider);
        context.init(keys.getKeyManagers(), null, null);
        context.getServerSessionContext().setSessionCacheSize(TlsContextFactory.SESSION_CACHE_SIZE);
        context.getServerSessionContext().setSessionTimeout(TlsContextFactory.SESSION_TIMEOUT_SECONDS);
        return context;
    }

    /** A JDK client context trusting {@code material}'s certificate and counting the checks in {@code checks}. */
    private static SSLContext clientContext(TlsMaterial material, AtomicInteger checks) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", material.leaf());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        X509ExtendedTrustManager delegate = (X509ExtendedTrustManager) trust.getTrustManagers()[0];
        X509ExtendedTrustManager counting = new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                checks.incrementAndGet();
                delegate.checkServerTrusted(chain, authType, engine);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                checks.incrementAndGet();
                delegate.checkServerTrusted(chain, authType, socket);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                checks.incrementAndGet();
                delegate.checkServerTrusted(chain, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                throw new CertificateException("no client certificates here");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                throw new CertificateException("no client certificates here");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("no client certificates here");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return delegate.getAcceptedIssuers();
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {counting}, null);
        return context;
    }

    /** Conscrypt's provider, found reflectively so that the build does not depend on it. */
    private static Optional<Provider> conscrypt() {
        try {
            Class<?> conscrypt = Class.forName("org.conscrypt.Conscrypt");
            if (!(Boolean) conscrypt.getMethod("isAvailable").invoke(null)) {
                System.out.println("TLS-BENCH Conscrypt is on the class path but its native library did not load");
                return Optional.empty();
            }
            return Optional.of((Provider) conscrypt.getMethod("newProvider").invoke(null));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException | LinkageError e) {
            System.out.println("TLS-BENCH Conscrypt unusable: " + e);
            return Optional.empty();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f", value));
        }
        return text.toString();
    }
}
