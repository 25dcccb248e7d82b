package org.parley.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A byte-level client for what Smack will not send: literal XML written to a plain socket, the server's answer read
 * back as text. For clear-text stream-level checks only (before STARTTLS).
 */
public final class RawXmppClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
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
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Opens a client stream to {@code domain}. */
    public void openStream(String domain) throws IOException {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "' version='1.0'>");
    }

    /** Reads until the text received so far contains {@code marker}, or EOF, or the timeout; returns all of it. */
    public String readUntil(String marker, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[4096];
        while (!eof && !text().contains(marker) && System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    eof = true;
                } else {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // nothing yet; loop until the deadline
            }
        }
        return text();
    }

    /** Reads until the server closes the connection (or the timeout); returns whether it did. */
    public boolean awaitClose(Duration timeout) throws IOException {
        readUntil("\u0000never", timeout);
        return eof;
    }

    public String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
