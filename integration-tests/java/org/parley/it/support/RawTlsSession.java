package org.parley.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A logged-in client session over STARTTLS that reads only when told to: for what Smack cannot do, such as a client
 * that stops reading. Login is the plain RFC 6120 sequence (STARTTLS, SASL PLAIN, bind), each answer awaited.
 */
public final class RawTlsSession implements AutoCloseable {

    private final Socket plain;
    private final SSLSocket tls;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private RawTlsSession(Socket plain, SSLSocket tls) throws IOException {
        this.plain = plain;
        this.tls = tls;
        this.in = tls.getInputStream();
        this.out = tls.getOutputStream();
    }

    /**
     * Logs in {@code user} with {@code resource}; {@code receiveBuffer} bytes of socket receive buffer (small, for a
     * client whose unread data should pile up on the server rather than in this machine's kernel).
     */
    public static RawTlsSession login(int port, X509TrustManager trust, String user, String password,
            String resource, int receiveBuffer) throws Exception {
        return open(port, trust, user, password, resource, receiveBuffer);
    }

    /**
     * Like {@link #login}, but stops early: with {@code user} null after TLS (before SASL), with {@code resource}
     * null after SASL (before binding).
     */
    public static RawTlsSession open(int port, X509TrustManager trust, String user, String password,
            String resource, int receiveBuffer) throws Exception {
        Socket plain = new Socket();
        plain.setReceiveBufferSize(receiveBuffer);
        plain.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
        plain.setSoTimeout(10_000);
        Text stream = new Text(plain.getInputStream(), plain.getOutputStream());
        stream.send("<?xml version='1.0'?>" + header());
        stream.await("</stream:features>");
        stream.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        stream.await("proceed");
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, TestServer.DOMAIN, port, true);
        tls.startHandshake();
        stream = new Text(tls.getInputStream(), tls.getOutputStream());
        stream.send(header());
        stream.await("</stream:features>");
        if (user == null) {
            return new RawTlsSession(plain, tls);
        }
        String credentials = Base64.getEncoder().encodeToString(
                ("\u0000" + user + "\u0000" + password).getBytes(StandardCharsets.UTF_8));
        stream.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>");
        stream.await("<success");
        stream.send(header());
        stream.await("</stream:features>");
        if (resource == null) {
            return new RawTlsSession(plain, tls);
        }
        stream.send("<iq type='set' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>");
        stream.await("</iq>");
        return new RawTlsSession(plain, tls);
    }

    private static String header() {
        return "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='"
                + TestServer.DOMAIN + "' version='1.0'>";
    }

    /** The decrypted stream after login, for a caller that reads it itself (a benchmark counting bytes). */
    public InputStream input() {
        return in;
    }

    public void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads until the server closes the connection (or {@code timeout} passes); returns everything read so far. */
    public String readToEnd(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[16384];
        tls.setSoTimeout(1000);
        while (System.nanoTime() < deadline) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                break; // reset or a cut TLS record: the connection is gone
            }
            if (n < 0) {
                break;
            }
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /**
     * Reads until what was read so far (since the last call's match) contains {@code marker}; returns the text read
     * in this call, or throws when {@code timeout} passes or the connection closes first.
     */
    public String readUntil(String marker, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[16384];
        tls.setSoTimeout(200);
        int start = received.size();
        while (true) {
            String text = received.toString(StandardCharsets.UTF_8);
            String fresh = text.substring(Math.min(text.length(), consumed));
            int at = fresh.indexOf(marker);
            if (at >= 0) {
                consumed += at + marker.length();
                return fresh.substring(0, at + marker.length());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no " + marker + " within " + timeout + "; read: " + fresh);
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (n < 0) {
                throw new IOException("closed before " + marker + "; read: " + fresh + " (from byte " + start + ")");
            }
            received.write(buffer, 0, n);
        }
    }

    private int consumed;

    /** Cuts the TCP connection without a closing stream tag or TLS close, as a vanishing client does. */
    public void cut() throws IOException {
        plain.setSoLinger(true, 0);
        plain.close();
    }

    @Override
    public void close() throws IOException {
        tls.close();
        plain.close();
    }

    /** Plain text written and awaited, before the stream is handed on. */
    private static final class Text {
        private final InputStream in;
        private final OutputStream out;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Text(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void send(String xml) throws IOException {
            received.reset();
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void await(String marker) throws IOException {
            byte[] buffer = new byte[4096];
            while (!received.toString(StandardCharsets.UTF_8).contains(marker)) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("closed while waiting for " + marker + ": " + received);
                }
                received.write(buffer, 0, n);
            }
        }
    }
}
