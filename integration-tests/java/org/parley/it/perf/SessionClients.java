package org.parley.it.perf;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client side of {@link SessionMemoryBenchmark}, run as its own JVM so that its sockets, TLS state and buffers are
 * not counted in the server's heap. Uses the JDK only: the benchmark starts it with just this class's directory on
 * the class path.
 *
 * <p>Each session logs in the way the Tsung load test does: STARTTLS, SASL PLAIN, resource bind, session, roster get,
 * initial presence; then an XEP-0199 ping to the server, whose answer proves (RFC 6120 §10.1, in-order processing)
 * that the server has handled the presence too. After that the session stays idle; nothing reads from it.
 *
 * <p>Protocol on stdin/stdout: for each line {@code open <count>} read from stdin it logs in that many more sessions
 * (user {@code <prefix>-<i>}, numbered on from the previous batch) and prints {@code READY <total>}, or
 * {@code FAILED <reason>} and exits; a login tried again prints {@code RETRY <user> <reason>} first. End of input
 * closes every socket and exits.
 *
 * <p>Arguments: {@code <port> <domain> <certificate.pem> <user prefix> <password> <threads>}.
 */
public final class SessionClients {

    private static final int READ_TIMEOUT_MS = 15_000;
    private static final int MAX_ATTEMPTS = 3;

    private final int port;
    private final String domain;
    private final TrustManager[] trust;
    private final String prefix;
    private final String password;

    private SessionClients(String[] args) throws Exception {
        port = Integer.parseInt(args[0]);
        domain = args[1];
        trust = trustOnly(Path.of(args[2]));
        prefix = args[3];
        password = args[4];
    }

    public static void main(String[] args) throws Exception {
        SessionClients clients = new SessionClients(args);
        int threads = Integer.parseInt(args[5]);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Session> open = new ArrayList<>();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line; (line = commands.readLine()) != null; ) {
                int count = Integer.parseInt(line.trim().substring("open ".length()));
                AtomicInteger next = new AtomicInteger(open.size());
                int end = open.size() + count;
                List<Future<Session>> logins = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String user = clients.prefix + "-" + next.getAndIncrement();
                    logins.add(pool.submit(() -> clients.loginWithRetries(user)));
                }
                try {
                    for (Future<Session> login : logins) {
                        open.add(login.get());
                    }
                } catch (Exception e) {
                    System.out.println("FAILED " + e.getCause());
                    System.out.flush();
                    System.exit(1);
                }
                System.out.println("READY " + end);
                System.out.flush();
            }
        } finally {
            pool.shutdownNow();
            for (Session session : open) {
                // the TCP socket under TLS: a TLS close would wait for each server's close_notify in turn
                session.plain().close();
            }
        }
    }

    /**
     * A login, tried again on a new connection when one stalls, so that a rare lost answer does not end a long run;
     * each retry is reported ({@code RETRY <user> <reason>}), as it may be a server bug worth chasing.
     */
    private Session loginWithRetries(String user) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Socket plain = new Socket("127.0.0.1", port);
            try {
                return new Session(plain, login(plain, user));
            } catch (IOException e) {
                plain.close();
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                synchronized (System.out) {
                    System.out.println("RETRY " + user + " " + e);
                    System.out.flush();
                }
            }
        }
    }

    /** One full login; returns the TLS socket, left open and unread. */
    private Socket login(Socket plain, String user) throws Exception {
        plain.setTcpNoDelay(true);
        plain.setSoTimeout(READ_TIMEOUT_MS);
        Stream stream = new Stream(plain.getInputStream(), plain.getOutputStream());
        stream.send("<?xml version='1.0'?>" + header());
        stream.await("</stream:features>");
        stream.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        // the server sends nothing after <proceed/> until the handshake, so reading in blocks loses nothing
        stream.awaitAny("/>", "</proceed>");

        // a context per session: a fresh full handshake each time, as separate client machines would do
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust, null);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, domain, port, true);
        try {
            tls.startHandshake();
        } catch (SocketTimeoutException e) {
            throw new IOException("TLS handshake: no answer within " + READ_TIMEOUT_MS + " ms", e);
        }
        stream = new Stream(tls.getInputStream(), tls.getOutputStream());
        stream.send(header());
        stream.await("</stream:features>");

        String credentials = Base64.getEncoder().encodeToString(
                ("\u0000" + user + "\u0000" + password).getBytes(StandardCharsets.UTF_8));
        stream.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>");
        stream.awaitAny("<success", "<failure");
        stream.require("<success", user + ": SASL PLAIN");
        stream.send(header());
        stream.await("</stream:features>");

        stream.iq("bind", "<iq type='set' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>bench</resource></bind></iq>");
        stream.iq("sess", "<iq type='set' id='sess-1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
        stream.iq("roster", "<iq type='get' id='roster-1'><query xmlns='jabber:iq:roster'/></iq>");
        stream.send("<presence/>");
        stream.iq("ping", "<iq type='get' id='ping-1' to='" + domain + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        return tls;
    }

    /** A logged-in session: the TCP socket and the TLS socket over it, both kept so that neither is collected. */
    private record Session(Socket plain, Socket tls) {
    }

    private String header() {
        return "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='" + domain
                + "' version='1.0'>";
    }

    private static TrustManager[] trustOnly(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            store.setCertificateEntry("parley", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** Text written to and read from one stream; what was read is forgotten at each {@link #send}. */
    private static final class Stream {
        private final InputStream in;
        private final OutputStream out;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[4096];

        Stream(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void send(String xml) throws IOException {
            received.reset();
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void await(String marker) throws IOException {
            awaitAny(marker);
        }

        void awaitAny(String... markers) throws IOException {
            while (true) {
                String text = received.toString(StandardCharsets.UTF_8);
                for (String marker : markers) {
                    if (text.contains(marker)) {
                        return;
                    }
                }
                readMore(String.join(" or ", markers));
            }
        }

        private void readMore(String waitingFor) throws IOException {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new IOException("no " + waitingFor + " within " + READ_TIMEOUT_MS + " ms; got: " + text(), e);
            }
            if (n < 0) {
                throw new IOException("closed while waiting for " + waitingFor + "; got: " + text());
            }
            received.write(buffer, 0, n);
        }

        private String text() {
            return received.toString(StandardCharsets.UTF_8);
        }

        /** Sends an IQ whose id is {@code <name>-1} and waits for its whole answer, which must be a result. */
        void iq(String name, String xml) throws IOException {
            send(xml);
            String id = name + "-1";
            while (true) {
                String text = text();
                int at = text.indexOf(id);
                if (at >= 0) {
                    int close = text.indexOf('>', at);
                    if (close > 0 && (text.charAt(close - 1) == '/' || text.indexOf("</iq>", at) > 0)) {
                        require("type='result'", name, "type=\"result\"");
                        return;
                    }
                }
                readMore("the answer to " + id);
            }
        }

        void require(String expected, String what, String... alternatives) throws IOException {
            String text = received.toString(StandardCharsets.UTF_8);
            if (text.contains(expected)) {
                return;
            }
            for (String alternative : alternatives) {
                if (text.contains(alternative)) {
                    return;
                }
            }
            throw new IOException(what + " failed: " + text);
        }
    }
}
