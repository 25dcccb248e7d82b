package org.parley.proxy65;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The server side of the SOCKS5 subset XEP-0065 uses (RFC 1928): method negotiation, where only "no authentication"
 * is offered, then one CONNECT request whose address is a domain name (ATYP 3), the stream's {@link StreamHash}.
 * Fed the bytes of one connection as they arrive; it says what to answer and when the CONNECT is complete. Not
 * thread-safe: one instance per connection, fed by that connection's I/O thread.
 */
public final class Socks5Handshake {

    /** RFC 1928 §6 reply codes the proxy sends. */
    public static final byte SUCCEEDED = 0x00;
    public static final byte GENERAL_FAILURE = 0x01;
    public static final byte NOT_ALLOWED = 0x02;
    public static final byte REFUSED = 0x05;
    public static final byte COMMAND_NOT_SUPPORTED = 0x07;
    public static final byte ADDRESS_TYPE_NOT_SUPPORTED = 0x08;

    private static final byte VERSION = 0x05;
    private static final byte NO_AUTHENTICATION = 0x00;
    private static final byte NO_ACCEPTABLE_METHOD = (byte) 0xFF;
    private static final byte CONNECT = 0x01;
    private static final byte DOMAIN_NAME = 0x03;

    /** Where the handshake stands after the bytes fed so far. */
    public enum Stage {
        /** waiting for (the rest of) the method selection message */
        GREETING,
        /** method agreed; waiting for (the rest of) the request */
        REQUEST,
        /** a CONNECT to a domain name arrived: {@link #address()} is set; answer with {@link #reply(byte)} */
        CONNECT,
        /** the client broke the protocol or asked for something unsupported: send the reply, then close */
        FAILED
    }

    /**
     * What feeding bytes led to.
     *
     * @param stage the stage reached
     * @param reply bytes to send now, possibly none
     * @param excess bytes received after the CONNECT request; the client sent data before the stream existed
     */
    public record Step(Stage stage, byte[] reply, int excess) {

        public Step {
            reply = reply.clone();
        }

        @Override
        public byte[] reply() {
            return reply.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Step s && s.stage == stage && s.excess == excess && Arrays.equals(s.reply, reply);
        }

        @Override
        public int hashCode() {
            return stage.hashCode() * 31 + Arrays.hashCode(reply) + excess;
        }

        @Override
        public String toString() {
            return "Step[" + stage + ", reply " + Arrays.toString(reply) + ", excess " + excess + "]";
        }
    }

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Stage stage = Stage.GREETING;
    private byte[] request;
    private String address;
    private byte failure = GENERAL_FAILURE;

    /** Adds bytes received from the client and advances as far as they allow. */
    public Step feed(byte[] bytes) {
        if (stage == Stage.CONNECT || stage == Stage.FAILED) {
            return new Step(stage, new byte[0], bytes.length);
        }
        pending.writeBytes(bytes);
        byte[] in = pending.toByteArray();
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int used = 0;
        if (stage == Stage.GREETING) {
            int greeting = greeting(in, reply);
            if (greeting <= 0) {
                return new Step(stage, reply.toByteArray(), 0);
            }
            used = greeting;
        }
        int requestLength = request(in, used);
        if (requestLength > 0) {
            used += requestLength;
        }
        pending.reset();
        pending.write(in, used, in.length - used);
        if (stage == Stage.FAILED) {
            reply.writeBytes(reply(failure));
        }
        int excess = stage == Stage.CONNECT ? pending.size() : 0;
        return new Step(stage, reply.toByteArray(), excess);
    }

    /** The DST.ADDR of the CONNECT request, once {@link Stage#CONNECT} is reached. */
    public String address() {
        if (stage != Stage.CONNECT) {
            throw new IllegalStateException("no CONNECT request yet");
        }
        return address;
    }

    /**
     * The reply to the request with this status. After a CONNECT its BND.ADDR and BND.PORT are the DST.ADDR and
     * DST.PORT the client sent, as XEP-0065 §6.3.2 requires (Smack compares the whole reply with its request).
     */
    public byte[] reply(byte status) {
        if (request == null) {
            // a request the proxy could not take: IPv4 0.0.0.0 port 0, as RFC 1928 allows
            return new byte[] {VERSION, status, 0, 0x01, 0, 0, 0, 0, 0, 0};
        }
        byte[] reply = request.clone();
        reply[1] = status;
        return reply;
    }

    /** Consumes the method selection message; returns its length, 0 when incomplete, -1 when it failed. */
    private int greeting(byte[] in, ByteArrayOutputStream reply) {
        if (in.length < 2) {
            return 0;
        }
        if (in[0] != VERSION) {
            stage = Stage.FAILED; // not SOCKS5: nothing sensible to answer
            return -1;
        }
        int methods = in[1] & 0xFF;
        if (in.length < 2 + methods) {
            return 0;
        }
        for (int i = 0; i < methods; i++) {
            if (in[2 + i] == NO_AUTHENTICATION) {
                reply.writeBytes(new byte[] {VERSION, NO_AUTHENTICATION});
                stage = Stage.REQUEST;
                return 2 + methods;
            }
        }
        reply.writeBytes(new byte[] {VERSION, NO_ACCEPTABLE_METHOD});
        stage = Stage.FAILED;
        return -1;
    }

    /** Consumes the request starting at {@code from}; returns its length, 0 when incomplete or failed. */
    private int request(byte[] in, int from) {
        if (stage != Stage.REQUEST || in.length - from < 5) {
            return 0;
        }
        if (in[from] != VERSION || in[from + 1] != CONNECT || in[from + 3] != DOMAIN_NAME) {
            // BIND, UDP ASSOCIATE and IP addresses have no meaning for a XEP-0065 proxy
            failure = in[from] != VERSION ? GENERAL_FAILURE
                    : in[from + 1] != CONNECT ? COMMAND_NOT_SUPPORTED : ADDRESS_TYPE_NOT_SUPPORTED;
            stage = Stage.FAILED;
            return 0;
        }
        int length = 5 + (in[from + 4] & 0xFF) + 2;
        if (in.length - from < length) {
            return 0;
        }
        request = Arrays.copyOfRange(in, from, from + length);
        address = new String(request, 5, length - 7, StandardCharsets.US_ASCII);
        stage = Stage.CONNECT;
        return length;
    }
}
