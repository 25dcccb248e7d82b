package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * RFC 6120 §5.4.3.3: after the TLS handshake the client restarts the stream at once. A non-blocking client (Smack's
 * modular connection) sends its last handshake flight and the new stream header in one TCP write, so they arrive in
 * one read: the header is application data behind the handshake's end inside MINA's {@code SslFilter}, and it must
 * reach the decoder without waiting for more bytes. This pins that, over many connections, for both protocol
 * versions (with TLS 1.2 the client may only send after the server's Finished, so there the header is merely
 * immediate). Written while tracing SINT's "waiting for stream features after TLS established" timeouts, which
 * turned out to be the client's (docs/compliance.md).
 */
class StartTlsFlightIT {

    private static final String HEADER = "<stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='" + TestServer.DOMAIN + "' version='1.0'>";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @ParameterizedTest(name = "{0}, {1} connections")
    @CsvSource({"TLSv1.3, 100", "TLSv1.2, 50"})
    @DisplayName("RFC 6120 §5.4.3.3: a stream header in the same flight as the client's Finished gets the features")
    void headerWithTheLastHandshakeFlight(String protocol, int connections) throws Exception {
        for (int i = 0; i < connections; i++) {
            String features = startTlsAndRestart(protocol);
            assertThat(features).as("connection %d: features of the encrypted stream", i)
                    .contains("<mechanism>PLAIN</mechanism>").doesNotContain("<starttls");
        }
    }

    /** STARTTLS by hand; returns what the server sent on the encrypted stream until its features. */
    private static String startTlsAndRestart(String protocol) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", SERVER.server().port())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("<?xml version='1.0'?>" + HEADER).getBytes(StandardCharsets.UTF_8));
            readClearUntil(in, text -> text.contains("</stream:features>"));
            out.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>".getBytes(StandardCharsets.UTF_8));
            // up to the last byte of <proceed/> (either form), and no further: the rest of the stream is TLS
            readClearUntil(in, text -> text.contains("<proceed")
                    && (text.endsWith("/>") || text.endsWith("</proceed>")));

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {SERVER.server().trustManager()}, null);
            SSLEngine engine = context.createSSLEngine(TestServer.DOMAIN, SERVER.server().port());
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(new String[] {protocol});
            Tls tls = new Tls(engine, in);
            ByteArrayOutputStream flight = tls.handshake(out);
            if ("TLSv1.3".equals(protocol)) {
                assertThat(flight.size()).as("our Finished, still unsent, goes out with the header").isPositive();
            }
            // our last flight (TLS 1.3: Finished) is still unsent: the stream header joins it in one write
            tls.wrap(ByteBuffer.wrap(HEADER.getBytes(StandardCharsets.UTF_8)), flight);
            out.write(flight.toByteArray());
            return tls.readUntil("</stream:features>");
        }
    }

    private static String readClearUntil(InputStream in, Predicate<String> complete) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!complete.test(text.toString(StandardCharsets.UTF_8))) {
            assertThat(System.nanoTime()).as("waiting in clear text, got: %s", text).isLessThan(deadline);
            try {
                int b = in.read(); // byte by byte: nothing after the awaited element may be consumed
                assertThat(b).as("connection closed; got: %s", text).isNotNegative();
                text.write(b);
            } catch (SocketTimeoutException e) {
                // nothing yet
            }
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /** A client-mode SSLEngine over a blocking socket, whose output is handed back instead of written. */
    private static final class Tls {
        private final SSLEngine engine;
        private final InputStream in;
        private final ByteBuffer netIn;
        private final ByteBuffer appIn;
        private final ByteArrayOutputStream app = new ByteArrayOutputStream();

        Tls(SSLEngine engine, InputStream in) {
            this.engine = engine;
            this.in = in;
            netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2).flip();
            appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
        }

        /** Runs the handshake; returns our last flight, not yet sent. */
        ByteArrayOutputStream handshake(OutputStream out) throws IOException {
            engine.beginHandshake();
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            while (true) {
                HandshakeStatus status = engine.getHandshakeStatus();
                switch (status) {
                    case NEED_WRAP -> {
                        if (wrap(ByteBuffer.allocate(0), pending) == HandshakeStatus.FINISHED) {
                            return pending; // TLS 1.3: our Finished is in 'pending'
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        // the server speaks next: send what we have, then read its records
                        out.write(pending.toByteArray());
                        pending.reset();
                        if (unwrap() == HandshakeStatus.FINISHED) {
                            return pending; // TLS 1.2: the server's Finished came last
                        }
                    }
                    case NEED_TASK -> runTasks();
                    default -> {
                        return pending;
                    }
                }
            }
        }

        private void runTasks() {
            for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                task.run();
            }
        }

        HandshakeStatus wrap(ByteBuffer source, ByteArrayOutputStream to) throws IOException {
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            SSLEngineResult result = engine.wrap(source, net);
            assertThat(result.getStatus()).isEqualTo(SSLEngineResult.Status.OK);
            to.write(net.array(), 0, net.position());
            return result.getHandshakeStatus();
        }

        /** Unwraps one record, reading from the socket as needed; decrypted data is kept in {@link #app}. */
        HandshakeStatus unwrap() throws IOException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                appIn.clear();
                SSLEngineResult result = engine.unwrap(netIn, appIn);
                app.write(appIn.array(), 0, appIn.position());
                switch (result.getStatus()) {
                    case OK -> {
                        return result.getHandshakeStatus();
                    }
                    case BUFFER_UNDERFLOW -> {
                        assertThat(System.nanoTime()).as("the server stopped in the middle of a TLS record")
                                .isLessThan(deadline);
                        readMore();
                    }
                    default -> throw new IllegalStateException("unwrap: " + result);
                }
            }
        }

        String readUntil(String marker) throws IOException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!app.toString(StandardCharsets.UTF_8).contains(marker)) {
                assertThat(System.nanoTime()).as("no %s within %s; decrypted so far: %s", marker, WAIT, app)
                        .isLessThan(deadline);
                if (netIn.hasRemaining()) {
                    if (unwrap() == HandshakeStatus.NEED_TASK) {
                        runTasks(); // a post-handshake message (TLS 1.3 NewSessionTicket)
                    }
                } else {
                    readMore();
                }
            }
            return app.toString(StandardCharsets.UTF_8);
        }

        private void readMore() throws IOException {
            byte[] chunk = new byte[netIn.capacity() - netIn.remaining()];
            try {
                int n = in.read(chunk);
                assertThat(n).as("connection closed by the server").isNotNegative();
                netIn.compact().put(chunk, 0, n).flip();
            } catch (SocketTimeoutException e) {
                // nothing yet; the caller checks its deadline
            }
        }
    }
}
