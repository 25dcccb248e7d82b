package org.parley.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Client sockets bound to one local address before they connect, so a test can speak from several loopback
 * addresses (127.0.0.2, 127.0.0.3, ...) as if from several hosts. Smack asks for an unconnected socket and connects
 * it itself; the other methods are there for completeness.
 */
final class LocalAddressSocketFactory extends SocketFactory {

    private final InetAddress local;

    LocalAddressSocketFactory(InetAddress local) {
        this.local = local;
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new Socket(host, port, local, 0);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress ignored, int localPort) throws IOException {
        return new Socket(host, port, local, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return new Socket(host, port, local, 0);
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress ignored, int localPort) throws IOException {
        return new Socket(host, port, local, localPort);
    }
}
