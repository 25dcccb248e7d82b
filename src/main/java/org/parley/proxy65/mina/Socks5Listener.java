package org.parley.proxy65.mina;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.parley.proxy65.ProxyPairs;
import org.parley.proxy65.RelayConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's TCP listener (XEP-0065 §6, SOCKS5 per RFC 1928). Its threads: one MINA acceptor thread,
 * {@link #IO_THREADS} MINA I/O processor threads that run the handshake and relay every stream without blocking, and
 * one timer thread that closes connections not activated within the timeout. Nothing here blocks, so the thread
 * count does not grow with the number of streams.
 */
public final class Socks5Listener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Socks5Listener.class);

    /** Relaying is a copy between two sockets; two threads keep up with far more than one server's file transfers. */
    static final int IO_THREADS = 2;

    /**
     * Where and how to listen.
     *
     * @param bind address to listen on
     * @param port TCP port, 0 for any free one (see {@link Socks5Listener#port()})
     * @param timeout how long a connection may take to be activated before it is closed
     * @param maxPairs streams that may exist at once; twice as many connections are accepted
     */
    public record Settings(String bind, int port, Duration timeout, int maxPairs) {}

    private final NioSocketAcceptor acceptor;
    private final ScheduledThreadPoolExecutor timer;

    private Socks5Listener(NioSocketAcceptor acceptor, ScheduledThreadPoolExecutor timer) {
        this.acceptor = acceptor;
        this.timer = timer;
    }

    /** Binds and starts accepting; on failure nothing is left running. */
    public static Socks5Listener start(Settings settings, ProxyPairs<RelayConnection> pairs) throws IOException {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("parley-proxy65-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a connection activated in time leaves no task behind
        NioSocketAcceptor acceptor = new NioSocketAcceptor(IO_THREADS);
        acceptor.setReuseAddress(true);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.setHandler(new Socks5Handler(pairs, timer, settings.timeout(), 2 * settings.maxPairs()));
        try {
            acceptor.bind(new InetSocketAddress(settings.bind(), settings.port()));
        } catch (IOException | RuntimeException e) {
            acceptor.dispose(true);
            timer.shutdownNow();
            throw new IOException("cannot listen for SOCKS5 bytestreams (proxy65) on " + settings.bind() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        LOG.info("listening for SOCKS5 bytestreams (XEP-0065 proxy) on {}", acceptor.getLocalAddress());
        return new Socks5Listener(acceptor, timer);
    }

    /** The port actually bound. */
    public int port() {
        return acceptor.getLocalAddress().getPort();
    }

    /** Closes every connection, relayed streams included, and stops the threads. */
    @Override
    public void close() {
        acceptor.unbind();
        acceptor.getManagedSessions().values().forEach(session -> session.closeNow());
        acceptor.dispose(true);
        timer.shutdownNow();
        LOG.info("SOCKS5 bytestream listener stopped");
    }
}
