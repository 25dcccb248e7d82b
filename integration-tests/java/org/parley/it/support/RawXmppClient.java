package org.parley.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A byte-level client for what Smack will not send: literal XML written to a plain socket, the server's answer read
 * back as text. Clear text, until {@link #startTls} secures the stream the way RFC 6120 §5.4 does it.
 */
public final class RawXmppClient implements AutoCloseable {

    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean eof;

    public RawXmppClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /**
     * Connects from {@code localAddress}, another loopback address such as 127.0.0.2 (Linux routes all of 127/8 to
     * the loopback interface), to look like a second host.
     */
    public RawXmppClient(int port, String localAddress) throws IOException {
        this(new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0));
    }

    private RawXmppClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(200);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    public void send(String xml) throws IOException {
        sendBytes(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes as they are, e.g. something that is not UTF-8. */
    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Opens a client stream to {@code domain}. */
    public void openStream(String domain) throws IOException {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "' version='1.0'>");
    }

    /** Reads until the text received so far contains {@code marker}, or EOF, or the timeout; returns all of it. */
    public String readUntil(String marker, Duration timeout) throws IOException {
        return readUntilAny(timeout, marker);
    }

    /** Reads until the text received so far contains one of {@code markers}, or EOF, or the timeout. */
    public String readUntilAny(Duration timeout, String... markers) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[4096];
        while (!eof && Arrays.stream(markers).noneMatch(text()::contains)
                && System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    eof = true;
                } else {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // nothing yet; loop until the deadline
            } catch (SocketException e) {
                // a reset: the server closed while we were still sending (an attack test does that on purpose)
                eof = true;
            }
        }
        return text();
    }

    /** Reads until the server closes the connection (or the timeout); returns whether it did. */
    public boolean awaitClose(Duration timeout) throws IOException {
        readUntil("\u0000never", timeout);
        return eof;
    }

    /**
     * After the features of a clear-text stream: STARTTLS, the handshake with {@code protocol}, and the stream
     * restart; returns the features of the encrypted stream. {@link #text()} starts afresh with the encrypted stream.
     */
    public String startTls(SSLContext context, String domain, String protocol) throws IOException {
        received.reset();
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        // the server sends nothing after <proceed/> (either form) until the handshake
        readUntilAny(Duration.ofSeconds(10), "/>", "</proceed>");
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, domain, socket.getPort(), true);
        tls.setEnabledProtocols(new String[] {protocol});
        tls.setSoTimeout(10_000); // the handshake on a loaded machine; reads poll at 200 ms after it
        tls.startHandshake();
        tls.setSoTimeout(200);
        socket = tls;
        out = tls.getOutputStream();
        in = tls.getInputStream();
        received.reset();
        openStream(domain);
        return readUntil("</stream:features>", Duration.ofSeconds(10));
    }

    /** The TLS session after {@link #startTls}. */
    public SSLSession tlsSession() {
        return ((SSLSocket) socket).getSession();
    }

    /** Forgets what was received so far, so the next {@link #readUntil} waits for a new answer. */
    public void clear() {
        received.reset();
    }

    public String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
