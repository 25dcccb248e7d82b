package org.parley.it.xep0065;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A byte-level SOCKS5 client for the proxy (RFC 1928 as XEP-0065 §6.3.2 uses it), for the cases Smack will not
 * produce: a wrong hash, a third party, a connection that is never activated.
 */
final class RawSocks5 implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private byte status = -1;

    private RawSocks5(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects, negotiates "no authentication" and sends CONNECT to {@code hash}, port 0; reads the reply. */
    static RawSocks5 connect(String host, int port, String hash) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(10_000);
        RawSocks5 client = new RawSocks5(socket);
        client.handshake(hash);
        return client;
    }

    private void handshake(String hash) throws IOException {
        socket.getOutputStream().write(new byte[] {5, 1, 0});
        byte[] method = new byte[2];
        in.readFully(method);
        if (method[0] != 5 || method[1] != 0) {
            throw new IOException("proxy refused 'no authentication'");
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(new byte[] {5, 1, 0, 3, (byte) hash.length()});
        request.writeBytes(hash.getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(new byte[] {0, 0});
        socket.getOutputStream().write(request.toByteArray());
        byte[] header = new byte[4];
        in.readFully(header);
        status = header[1];
        int rest = header[3] == 3 ? in.readUnsignedByte() + 2 : header[3] == 1 ? 6 : 18;
        in.readFully(new byte[rest]);
    }

    /** The REP field of the proxy's reply to CONNECT: 0 is success. */
    byte status() {
        return status;
    }

    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    byte[] read(int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** Reads until the proxy closes the connection; returns -1 then, or the first byte that arrived instead. */
    int readUntilClosed() throws IOException {
        return in.read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
