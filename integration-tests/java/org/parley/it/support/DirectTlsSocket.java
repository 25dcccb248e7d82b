package org.parley.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw direct TLS (XEP-0368) client socket for tests: TLS from the first byte, with the ALPN protocols and SNI name
 * the test chooses, and literal XML on top. It trusts whatever certificate the server presents, because the tests
 * that use it check which certificate that is ({@link #serverFingerprint()}).
 */
public final class DirectTlsSocket implements AutoCloseable {

    public static final String STREAM_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='" + TestServer.DOMAIN + "' version='1.0'>";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final SSLSocket socket;

    private DirectTlsSocket(SSLSocket socket) {
        this.socket = socket;
    }

    /**
     * Connects to 127.0.0.1:{@code port} and completes the handshake, offering {@code alpn} (none when empty) and
     * sending SNI {@code parley.test}.
     *
     * @throws IOException when the connection or the handshake fails
     */
    public static DirectTlsSocket connect(int port, String... alpn) throws IOException {
        SSLSocket socket = (SSLSocket) context().getSocketFactory().createSocket("127.0.0.1", port);
        try {
            socket.setSoTimeout((int) WAIT.toMillis());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(TestServer.DOMAIN)));
            if (alpn.length > 0) {
                parameters.setApplicationProtocols(alpn);
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new DirectTlsSocket(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The TLS socket itself, for a test that drives the bytes and the timing itself. */
    public SSLSocket socket() {
        return socket;
    }

    /** The ALPN protocol the server chose, empty when none was negotiated. */
    public String applicationProtocol() {
        return socket.getApplicationProtocol();
    }

    /** The SHA-256 fingerprint of the certificate the server presented, as Parley logs it. */
    public String serverFingerprint() throws Exception {
        X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
    }

    public void send(String xml) throws IOException {
        socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads until the text received so far contains {@code marker}; fails after 5 s or at end of stream. */
    public String readUntil(String marker) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!text.toString(StandardCharsets.UTF_8).contains(marker)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + marker + " within " + WAIT + "; got: " + text);
            }
            try {
                int n = in.read(chunk);
                if (n < 0) {
                    throw new AssertionError("connection closed before " + marker + "; got: " + text);
                }
                text.write(chunk, 0, n);
            } catch (SocketTimeoutException e) {
                // the loop checks the deadline
            }
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /** Opens the stream and returns everything up to the end of the server's stream features. */
    public String openStream() throws IOException {
        send(STREAM_HEADER);
        return readUntil("</stream:features>");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAny()}, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts any server certificate: these tests look at which one was presented instead of trusting it. */
    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepted on purpose, see the class comment
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
