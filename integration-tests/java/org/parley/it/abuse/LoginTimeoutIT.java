package org.parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.DirectTlsSocket;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * The login deadline (docs/security.md, {@code c2s.login_timeout}): a client that keeps its connection busy by
 * sending a byte now and then, so it is never idle, is still closed once the deadline has passed without a login,
 * with {@code connection-timeout} (RFC 6120 §4.9.3.4) where a stream is open, on both client ports; clients that
 * log in are not touched.
 */
class LoginTimeoutIT {

    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(3);
    /** Dribbling goes on at most this long: the deadline plus the close grace and scheduling slack. */
    private static final Duration GIVE_UP = LOGIN_TIMEOUT.plusSeconds(10);
    /** One byte this often, far more often than any idle check would notice. */
    private static final int PACE_MILLIS = 100;
    private static final String STREAM_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='" + TestServer.DOMAIN + "' version='1.0'>";

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of(
            "c2s.login_timeout", Long.toString(LOGIN_TIMEOUT.toSeconds())));

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    /** What a dribbling client saw: the server's bytes, whether it closed, and after how long. */
    private record Dribbled(String text, boolean closed, Duration elapsed) {}

    /**
     * Writes {@code start} at once, then one byte of {@code dribble} (cycling) every {@link #PACE_MILLIS}, reading
     * whatever the server sends, until the server closes or {@link #GIVE_UP}.
     */
    private static Dribbled dribble(Socket socket, long connectedAt, byte[] start, byte[] dribble)
            throws IOException {
        socket.setSoTimeout(PACE_MILLIS);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        boolean closed = false;
        long giveUp = connectedAt + GIVE_UP.toNanos();
        try {
            out.write(start);
            out.flush();
            for (int i = 0; !closed && System.nanoTime() < giveUp; i++) {
                out.write(dribble[i % dribble.length]);
                out.flush();
                try {
                    int n = in.read(buffer); // waits up to the pace: the read timeout is the clock
                    if (n < 0) {
                        closed = true;
                    } else {
                        received.write(buffer, 0, n);
                    }
                } catch (SocketTimeoutException e) {
                    // nothing from the server within this pace; send the next byte
                }
            }
        } catch (SocketException e) {
            closed = true; // the write found the connection closed (reset or broken pipe)
        }
        return new Dribbled(received.toString(StandardCharsets.UTF_8), closed,
                Duration.ofNanos(System.nanoTime() - connectedAt));
    }

    private static Socket plainFrom(String localAddress, int port) throws IOException {
        return new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertCutOffAtTheDeadline(Dribbled dribbled) {
        assertThat(dribbled.closed()).as("closed by the server; got: %s", dribbled.text()).isTrue();
        assertThat(dribbled.elapsed()).as("not before the deadline").isGreaterThanOrEqualTo(LOGIN_TIMEOUT);
    }

    @Test
    @DisplayName("STARTTLS port: a client dribbling a stanza in clear gets connection-timeout at the deadline")
    void dribblingInClearIsCutOff() throws Exception {
        long connectedAt = System.nanoTime(); // before the connect: the server's deadline starts after it
        try (Socket socket = plainFrom("127.0.0.2", SERVER.server().port())) {
            Actor alice = actors.login("alice"); // logs in while the dribbler is connected

            Dribbled dribbled = dribble(socket, connectedAt, utf8(STREAM_HEADER + "<message><body>"), utf8("a"));

            assertCutOffAtTheDeadline(dribbled);
            assertThat(dribbled.text()).contains("<connection-timeout").contains("</stream:stream>");
            alice.pingServer(); // logged in: the deadline does not apply
            actors.login("bob").pingServer();
        }
    }

    @Test
    @DisplayName("direct TLS port: a client dribbling its TLS handshake is closed at the deadline")
    void dribblingTheHandshakeIsCutOff() throws Exception {
        long connectedAt = System.nanoTime(); // before the connect: the server's deadline starts after it
        try (Socket socket = plainFrom("127.0.0.3", SERVER.server().directTlsPort())) {
            // a TLS handshake record announcing 512 bytes, which then come one at a time
            Dribbled dribbled = dribble(socket, connectedAt, new byte[] {0x16, 0x03, 0x01, 0x02, 0x00},
                    new byte[] {0x00});

            assertCutOffAtTheDeadline(dribbled);
            assertThat(dribbled.elapsed()).as("closed at once: no stream error waits behind the handshake")
                    .isLessThan(LOGIN_TIMEOUT.plusSeconds(4));
            actors.login("carol").pingServer();
        }
    }

    @Test
    @DisplayName("direct TLS port: a client dribbling a stanza after the handshake gets connection-timeout")
    void dribblingOverDirectTlsIsCutOff() throws Exception {
        long connectedAt = System.nanoTime(); // before the connect: the server's deadline starts after it
        try (DirectTlsSocket tls = DirectTlsSocket.connect(SERVER.server().directTlsPort(), "xmpp-client")) {
            tls.openStream();

            Dribbled dribbled = dribble(tls.socket(), connectedAt, utf8("<message><body>"), utf8("a"));

            assertCutOffAtTheDeadline(dribbled);
            assertThat(dribbled.text()).contains("<connection-timeout");
            actors.login("dave").pingServer();
        }
    }
}
