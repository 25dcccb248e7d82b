package org.parley.server.vysper;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.mina.core.filterchain.DefaultIoFilterChainBuilder;
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
import org.parley.tls.TlsContextFactory;
import org.parley.routing.vysper.RoutingHooks;
import org.parley.streammgmt.SmLimits;
import org.parley.xmpp.vysper.RecipientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley's client-to-server listeners (RFC 6120 c2s over TCP), replacing Vysper's {@code TCPEndpoint}, which always
 * binds the wildcard address, hides the bound port and processes stanzas without ordering. Two listeners on the same
 * address: STARTTLS on {@code port}, and, when {@code directTlsPort} is set, direct TLS (XEP-0368). They share one
 * filter chain, one processing pool, back-pressure, idle timeout and limits, and are stopped together.
 *
 * <p>Filter chain, socket to handler: [tls, added by STARTTLS or, on the direct TLS listener, at connection] → read
 * rate → codec
 * (decode on the I/O thread) → back-pressure → ordered executor (one connection's events in order, on one thread at a
 * time) → {@link ClientIoHandler}.
 */
public final class C2sEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(C2sEndpoint.class);
    /** The decoder's name in the filter chain: what comes after it sees decoded messages. */
    static final String DECODER_FILTER = "xmpp";

    /**
     * Listener settings; {@code port} 0 picks a free port, see {@link #boundPort()}; {@code directTlsPort} empty means
     * no direct TLS listener. {@code features} are the stream features Parley adds to Vysper's. The {@code max*}
     * limits of one client stream are described in docs/security.md.
     */
    public record Settings(String bindAddress, int port, int backlog, boolean tcpNoDelay, Duration idleTimeout,
            int processingThreads, int maxQueuedStanzas, int maxStanzaBytes, int maxDepth, int maxAttributes,
            int maxPreAuthBytes, Duration shutdownGrace, StreamFeatures features, OptionalInt directTlsPort) {}

    /**
     * What a connection may hold for its client, and where what it could not write goes: the bytes a client may
     * leave unread ({@code c2s.max_output_bytes}), for how long ({@code c2s.write_timeout}), and the router that
     * takes back a closed connection's unwritten messages; the hooks that hear of every stanza a client sends; the
     * XEP-0198 stream management settings (acknowledgements and resumption, ADR 0021).
     */
    public record Output(long maxBytes, Duration writeTimeout, RecipientSession.Undelivered undelivered,
            RoutingHooks hooks, SmLimits sm) {}

    private final Settings settings;
    private final Output output;
    private final Supplier<TlsContextFactory> tls;
    private ServerRuntimeContext runtime;
    private NioSocketAcceptor acceptor;
    private NioSocketAcceptor directTlsAcceptor;
    private OrderedThreadPoolExecutor processing;
    /**
     * Resumes rate-limited reads, checks ping answers and login deadlines; one thread, it only flips flags and queues
     * events.
     */
    private ScheduledThreadPoolExecutor timers;
    private final FloodLimits limits;
    private Keepalive keepalive;
    private StreamManagement streamManagement;

    /** {@code tls} is asked for the current TLS context at every handshake, so a reloaded certificate is used. */
    public C2sEndpoint(Settings settings, Output output, Supplier<TlsContextFactory> tls, FloodLimits limits) {
        this.settings = settings;
        this.output = output;
        this.tls = tls;
        this.limits = limits;
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
        keepalive = new Keepalive(settings.idleTimeout(), limits.pingInterval(), limits.pingTimeout(), timers);
        BackPressureFilter backPressure = new BackPressureFilter(settings.maxQueuedStanzas());
        DefaultIoFilterChainBuilder chain = new DefaultIoFilterChainBuilder();
        chain.addLast("read-rate", new ReadRateFilter(limits.readRate(), limits.readBurst(), timers));
        chain.addLast(DECODER_FILTER, new ProtocolCodecFilter(new Codec(new StreamLimits(
                runtime.getServerEnitity().getDomain(),
                settings.maxStanzaBytes(), settings.maxDepth(), settings.maxAttributes(), settings.maxPreAuthBytes()))));
        // MINA 2.2.4's ExecutorFilter cannot order inputClosed or event: the first becomes a message here
        chain.addLast("input-closed", new InputClosedFilter());
        chain.addLast("backpressure", backPressure);
        chain.addLast("processing", new ExecutorFilter(processing, IoEventType.MESSAGE_RECEIVED,
                IoEventType.SESSION_CLOSED, IoEventType.SESSION_IDLE, IoEventType.EXCEPTION_CAUGHT,
                IoEventType.SESSION_OPENED));
        StanzaIntake intake = new StanzaIntake(runtime, output.hooks());
        streamManagement = new StreamManagement(output.sm(), output.hooks());
        StreamFeatures features = output.sm().enabled()
                ? settings.features().withPostAuth(SmElements.feature())
                : settings.features();
        TlsFilters tlsFilters = new TlsFilters(tls);
        // one count for both listeners: the limits are per server
        UnauthenticatedGate unauthenticated = new UnauthenticatedGate(
                new UnauthenticatedConnections(limits.maxUnauthenticated(), limits.maxUnauthenticatedPerIp()));
        LoginDeadline loginDeadline = new LoginDeadline(limits.loginTimeout(), timers);
        try {
            acceptor = listen(settings.port(), chain, new ClientIoHandler(runtime, intake, backPressure, tlsFilters,
                    features, false, unauthenticated, keepalive, loginDeadline,
                    output, streamManagement), "XMPP clients");
            if (settings.directTlsPort().isPresent()) {
                directTlsAcceptor = listen(settings.directTlsPort().getAsInt(), chain, new ClientIoHandler(runtime,
                        intake, backPressure, tlsFilters, features, true, unauthenticated, keepalive,
                        loginDeadline, output, streamManagement),
                        "XMPP clients over direct TLS");
            }
        } catch (IOException | RuntimeException e) {
            if (acceptor != null) {
                acceptor.dispose(true);
                acceptor = null;
            }
            processing.shutdownNow();
            timers.shutdownNow();
            streamManagement.shutdown();
            throw e;
        }
    }

    private NioSocketAcceptor listen(int port, DefaultIoFilterChainBuilder chain, ClientIoHandler handler,
            String what) throws IOException {
        NioSocketAcceptor nio = new NioSocketAcceptor();
        nio.setReuseAddress(true);
        // unbind() must not drop live sessions: stop() ends each with system-shutdown first
        nio.setCloseOnDeactivation(false);
        nio.setBacklog(settings.backlog());
        nio.getSessionConfig().setTcpNoDelay(settings.tcpNoDelay());
        // a client that leaves written data unread this long is closed (WriteTimeoutException, an IOException)
        nio.getSessionConfig().setWriteTimeout((int) output.writeTimeout().toSeconds());
        nio.getSessionConfig().setIdleTime(IdleStatus.READER_IDLE, keepalive.idleCheckSeconds());
        // The rate limit pays for a read after it: one read of up to MINA's 64 KiB default could arrive that much
        // early. A quarter second's worth per read keeps the limit close (and costs nothing at sane rates).
        nio.getSessionConfig().setMaxReadBufferSize(ReadRateFilter.maxRead(limits.readRate()));
        nio.setFilterChainBuilder(chain);
        nio.setHandler(handler);
        try {
            nio.bind(new InetSocketAddress(settings.bindAddress(), port));
        } catch (IOException e) {
            nio.dispose(true);
            String why = e instanceof BindException || String.valueOf(e.getMessage()).contains("in use")
                    ? "the address is already in use (is another server running?)"
                    : e.getMessage();
            throw new IOException("cannot listen for " + what + " on " + settings.bindAddress() + ":" + port + ": "
                    + why, e);
        }
        LOG.info("listening for {} on {}", what, nio.getLocalAddress());
        return nio;
    }

    /** The port actually bound (the configured one, or the one the OS chose for port 0). */
    public synchronized int boundPort() {
        if (acceptor == null) {
            throw new IllegalStateException("endpoint not started");
        }
        return acceptor.getLocalAddress().getPort();
    }

    /** The direct TLS port actually bound, if that listener runs. */
    public synchronized OptionalInt directTlsPort() {
        return directTlsAcceptor == null
                ? OptionalInt.empty()
                : OptionalInt.of(directTlsAcceptor.getLocalAddress().getPort());
    }

    /** Number of open client connections, on both listeners. */
    public synchronized int connectionCount() {
        return acceptors().stream().mapToInt(NioSocketAcceptor::getManagedSessionCount).sum();
    }

    private List<NioSocketAcceptor> acceptors() {
        List<NioSocketAcceptor> running = new ArrayList<>(2);
        if (acceptor != null) {
            running.add(acceptor);
        }
        if (directTlsAcceptor != null) {
            running.add(directTlsAcceptor);
        }
        return running;
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
        List<NioSocketAcceptor> running = acceptors();
        running.forEach(NioSocketAcceptor::unbind);
        for (NioSocketAcceptor listener : running) {
            for (IoSession io : listener.getManagedSessions().values()) {
                ClientSession session = ClientIoHandler.clientSession(io);
                if (session != null) {
                    session.streamError(StreamErrorCondition.SYSTEM_SHUTDOWN, "the server is shutting down");
                } else {
                    io.closeNow();
                }
            }
        }
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (connectionCount() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20); // polling a count MINA offers no future for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // sessions waiting for a resumption end too; their messages go to offline storage (ADR 0021)
        streamManagement.shutdown();
        running.forEach(listener -> listener.dispose(true));
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
        directTlsAcceptor = null;
        LOG.info("client listeners stopped");
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
        private final StanzaEncoder encoder = new StanzaEncoder(); // depth-bounded; see there
        private final StreamLimits limits;

        Codec(StreamLimits limits) {
            this.limits = limits;
        }

        @Override
        public ProtocolEncoder getEncoder(IoSession session) {
            return encoder;
        }

        @Override
        public ProtocolDecoder getDecoder(IoSession session) {
            return XmlStreamDecoder.of(session, limits);
        }
    }
}
