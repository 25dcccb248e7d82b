package org.parley.proxy65;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.proxy65.Socks5Handshake.Stage;

/** The RFC 1928 subset of XEP-0065 §6.3.2, as Smack's {@code Socks5Client} sends it. */
class Socks5HandshakeTest {

    private static final String HASH = StreamHash.of("sid", "a@x/1", "b@x/2");
    private static final byte[] GREETING = {5, 1, 0};

    private static byte[] connect(byte command, byte addressType, String address) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {5, command, 0, addressType, (byte) address.length()});
        out.writeBytes(address.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0, 0});
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    @Test
    @DisplayName("no-auth method, then CONNECT to the hash as a domain name, port 0")
    void smacksHandshake() {
        Socks5Handshake handshake = new Socks5Handshake();

        Socks5Handshake.Step methods = handshake.feed(GREETING);
        assertThat(methods.stage()).isEqualTo(Stage.REQUEST);
        assertThat(methods.reply()).containsExactly(5, 0);

        byte[] request = connect((byte) 1, (byte) 3, HASH);
        Socks5Handshake.Step connect = handshake.feed(request);
        assertThat(connect.stage()).isEqualTo(Stage.CONNECT);
        assertThat(connect.reply()).isEmpty();
        assertThat(connect.excess()).isZero();
        assertThat(handshake.address()).isEqualTo(HASH);

        byte[] expected = request.clone();
        expected[1] = 0;
        assertThat(handshake.reply(Socks5Handshake.SUCCEEDED))
                .as("§6.3.2: BND.ADDR and BND.PORT are the DST.ADDR and DST.PORT of the request").isEqualTo(expected);
    }

    @Test
    @DisplayName("bytes may arrive one at a time, or greeting and request in one read")
    void fragmentationDoesNotMatter() {
        byte[] all = concat(GREETING, connect((byte) 1, (byte) 3, HASH));
        Socks5Handshake oneByOne = new Socks5Handshake();
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        Socks5Handshake.Step last = null;
        for (byte b : all) {
            last = oneByOne.feed(new byte[] {b});
            replies.writeBytes(last.reply());
        }
        assertThat(last.stage()).isEqualTo(Stage.CONNECT);
        assertThat(replies.toByteArray()).containsExactly(5, 0);
        assertThat(oneByOne.address()).isEqualTo(HASH);

        Socks5Handshake atOnce = new Socks5Handshake();
        Socks5Handshake.Step step = atOnce.feed(all);
        assertThat(step.stage()).isEqualTo(Stage.CONNECT);
        assertThat(step.reply()).containsExactly(5, 0);
        assertThat(atOnce.address()).isEqualTo(HASH);
    }

    @Test
    @DisplayName("a client that offers only authentication methods gets 'no acceptable methods' (X'FF')")
    void noAcceptableMethod() {
        Socks5Handshake.Step step = new Socks5Handshake().feed(new byte[] {5, 2, 1, 2});

        assertThat(step.stage()).isEqualTo(Stage.FAILED);
        assertThat(step.reply()).containsExactly(5, 0xFF);
    }

    @Test
    void notSocks5() {
        byte[] http = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
        Socks5Handshake.Step step = new Socks5Handshake().feed(http);

        assertThat(step.stage()).isEqualTo(Stage.FAILED);
        assertThat(step.reply()).isEmpty();
    }

    @Test
    @DisplayName("BIND is refused with 'command not supported' (X'07')")
    void bindIsNotSupported() {
        Socks5Handshake handshake = new Socks5Handshake();
        handshake.feed(GREETING);

        Socks5Handshake.Step step = handshake.feed(connect((byte) 2, (byte) 3, HASH));

        assertThat(step.stage()).isEqualTo(Stage.FAILED);
        assertThat(step.reply()).containsExactly(5, 7, 0, 1, 0, 0, 0, 0, 0, 0);
    }

    @Test
    @DisplayName("an IPv4 destination is refused with 'address type not supported' (X'08')")
    void ipv4IsNotSupported() {
        Socks5Handshake handshake = new Socks5Handshake();
        handshake.feed(GREETING);

        Socks5Handshake.Step step = handshake.feed(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, 0, 80});

        assertThat(step.stage()).isEqualTo(Stage.FAILED);
        assertThat(step.reply()[1]).isEqualTo((byte) 8);
    }

    @Test
    @DisplayName("data sent before the proxy answered the CONNECT is counted as excess")
    void dataBeforeActivationIsExcess() {
        Socks5Handshake handshake = new Socks5Handshake();
        handshake.feed(GREETING);

        Socks5Handshake.Step step = handshake.feed(concat(connect((byte) 1, (byte) 3, HASH), new byte[] {1, 2, 3}));

        assertThat(step.stage()).isEqualTo(Stage.CONNECT);
        assertThat(step.excess()).isEqualTo(3);
        assertThat(handshake.feed(new byte[] {4}).excess()).isEqualTo(1);
    }

    @Test
    void noAddressBeforeConnect() {
        Socks5Handshake handshake = new Socks5Handshake();
        handshake.feed(GREETING);

        assertThatThrownBy(handshake::address).isInstanceOf(IllegalStateException.class);
    }
}
