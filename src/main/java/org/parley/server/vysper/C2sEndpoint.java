package org.parley.server.vysper;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.apache.vysper.xmpp.protocol.StreamErrorCondition;
import org.apache.vysper.xmpp.server.Endpoint;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.parley.abuse.UnauthenticatedConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley's client-to-server listener (RFC 6120 c2s over TCP with STARTTLS), replacing Vysper's {@code TCPEndpoint},
 * which always binds the wildcard address, hides the bound port and processes stanzas without ordering.
 *
 * <p>Filter chain, socket to handler: [tls, added by STARTTLS] → read rate → codec (decode on the I/O thread) →
 * back-pressure →
 * ordered executor (one connection's events in order, on one thread at a time) → {@link ClientIoHandler}.
 */
public final class C2sEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(C2sEndpoint.class);
    /** The decoder's name in the filter chain: what comes after it sees decoded messages. */
    static final String DECODER_FILTER = "xmpp";

    /**
     * Listener settings; {@code port} 0 picks a free port, see {@link #boundPort()}. {@code features} are the
     * stream features Parley adds to Vysper's.
     */
    public record Settings(String bindAddress, int port, int backlog, boolean tcpNoDelay, Duration idleTimeout,
            int processingThreads, int maxQueuedStanzas, int maxStanzaBytes, Duration shutdownGrace,
            StreamFeatures features) {}

    private final Settings settings;
    private final SSLContext sslContext;
    private final String[] tlsProtocols;
    private final String[] tlsCipherSuites;
    private final FloodLimits limits;
    private ServerRuntimeContext runtime;
    private NioSocketAcceptor acceptor;
    private OrderedThreadPoolExecutor processing;
    /** Resumes rate-limited reads and checks ping answers; one thread, it only flips flags and queues events. */
    private ScheduledThreadPoolExecutor timers;

    public C2sEndpoint(Settings settings, SSLContext sslContext, String[] tlsProtocols, String[] tlsCipherSuites,
            FloodLimits limits) {
        this.settings = settings;
        this.limits = limits;
        this.sslContext = sslContext;
        this.tlsProtocols = tlsProtocols.clone();
        this.tlsCipherSuites = tlsCipherSuites.clone();
    }

    @Override
    public void setServerRuntimeContext(ServerRuntimeContext serverRuntimeContext) {
        this.runtime = serverRuntimeContext;
    }

    @Override
    public synchronized void start() throws IOException {
        if (runtime == null) {
            throw new IllegalStateException("no server runtime context set");
        }
        processing = new OrderedThreadPoolExecutor(0, settings.processingThreads(), 60, TimeUnit.SECONDS,
                named("parley-c2s"));
        timers = new ScheduledThreadPoolExecutor(1, named("parley-c2s-timer"));
        timers.setRemoveOnCancelPolicy(true);
        BackPressureFilter backPressure = new BackPressureFilter(settings.maxQueuedStanzas());
        NioSocketAcceptor nio = new NioSocketAcceptor();
        nio.setReuseAddress(true);
        // unbind() must not drop live sessions: stop() ends each with system-shutdown first
        nio.setCloseOnDeactivation(false);
        nio.setBacklog(settings.backlog());
        nio.getSessionConfig().setTcpNoDelay(settings.tcpNoDelay());
        Keepalive keepalive = new Keepalive(settings.idleTimeout(), limits.pingInterval(), limits.pingTimeout(), timers);
        nio.getSessionConfig().setIdleTime(IdleStatus.READER_IDLE, keepalive.idleCheckSeconds());
        // The rate limit pays for a read after it: one read of up to MINA's 64 KiB default could arrive that much
        // early. A quarter second's worth per read keeps the limit close (and costs nothing at sane rates).
        nio.getSessionConfig().setMaxReadBufferSize(ReadRateFilter.maxRead(limits.readRate()));
        nio.getFilterChain().addLast("read-rate", new ReadRateFilter(limits.readRate(), limits.readBurst(), timers));
        nio.getFilterChain().addLast(DECODER_FILTER, new ProtocolCodecFilter(new Codec(settings.maxStanzaBytes())));
        // MINA 2.2.4's ExecutorFilter cannot order inputClosed or event: the first becomes a message here
        nio.getFilterChain().addLast("input-closed", new InputClosedFilter());
        nio.getFilterChain().addLast("backpressure", backPressure);
        nio.getFilterChain().addLast("processing", new ExecutorFilter(processing, IoEventType.MESSAGE_RECEIVED,
                IoEventType.SESSION_CLOSED, IoEventType.SESSION_IDLE, IoEventType.EXCEPTION_CAUGHT,
                IoEventType.SESSION_OPENED));
        nio.setHandler(new ClientIoHandler(runtime, new StanzaIntake(runtime), backPressure, sslContext,
                tlsProtocols, tlsCipherSuites, settings.features(), new UnauthenticatedGate(
                        new UnauthenticatedConnections(limits.maxUnauthenticated(), limits.maxUnauthenticatedPerIp())),
                keepalive));
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
        try {
            nio.bind(address);
        } catch (IOException e) {
            nio.dispose(true);
            processing.shutdownNow();
            timers.shutdownNow();
            String why = e instanceof BindException || String.valueOf(e.getMessage()).contains("in use")
                    ? "the address is already in use (is another server running?)"
                    : e.getMessage();
            throw new IOException("cannot listen for clients on " + settings.bindAddress() + ":" + settings.port()
                    + ": " + why, e);
        }
        acceptor = nio;
        LOG.info("listening for XMPP clients on {}", nio.getLocalAddress());
    }

    /** The port actually bound (the configured one, or the one the OS chose for port 0). */
    public synchronized int boundPort() {
        if (acceptor == null) {
            throw new IllegalStateException("endpoint not started");
        }
        return acceptor.getLocalAddress().getPort();
    }

    /** Number of open client connections. */
    public synchronized int connectionCount() {
        return acceptor == null ? 0 : acceptor.getManagedSessionCount();
    }

    /**
     * Stops accepting, ends every stream with {@code system-shutdown} (RFC 6120 §4.9.3.22) and
     * {@code </stream:stream>}, waits up to the grace period for them to flush, then stops every thread.
     */
    @Override
    public synchronized void stop() {
        if (acceptor == null) {
            return;
        }
        acceptor.unbind();
        for (IoSession io : acceptor.getManagedSessions().values()) {
            ClientSession session = ClientIoHandler.clientSession(io);
            if (session != null) {
                session.streamError(StreamErrorCondition.SYSTEM_SHUTDOWN, "the server is shutting down");
            } else {
                io.closeNow();
            }
        }
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (acceptor.getManagedSessionCount() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20); // polling a count MINA offers no future for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        acceptor.dispose(true);
        timers.shutdownNow();
        processing.shutdown();
        try {
            if (!processing.awaitTermination(settings.shutdownGrace().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                processing.shutdownNow();
            }
        } catch (InterruptedException e) {
            processing.shutdownNow();
            Thread.currentThread().interrupt();
        }
        acceptor = null;
        LOG.info("client listener stopped");
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
    }

    /**
     * One decoder per connection (it holds the parser state), kept in the session: MINA asks the factory for the
     * decoder on every read. The encoder is stateless and shared.
     */
    private static final class Codec implements ProtocolCodecFactory {
        private static final AttributeKey DECODER = new AttributeKey(Codec.class, "decoder");
        private final StanzaEncoder encoder = new StanzaEncoder();
        private final int maxStanzaBytes;

        Codec(int maxStanzaBytes) {
            this.maxStanzaBytes = maxStanzaBytes;
        }

        @Override
        public ProtocolEncoder getEncoder(IoSession session) {
            return encoder;
        }

        @Override
        public ProtocolDecoder getDecoder(IoSession session) {
            ProtocolDecoder decoder = (ProtocolDecoder) session.getAttribute(DECODER);
            if (decoder == null) {
                decoder = new XmlStreamDecoder(maxStanzaBytes);
                session.setAttribute(DECODER, decoder);
            }
            return decoder;
        }
    }
}
