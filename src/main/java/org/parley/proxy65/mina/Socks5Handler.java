package org.parley.proxy65.mina;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.parley.proxy65.ProxyPairs;
import org.parley.proxy65.RelayConnection;
import org.parley.proxy65.Socks5Handshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each proxy connection on its MINA I/O thread: the SOCKS5 handshake, registration under the stream hash, then
 * (after activation) the relay to the other party. A registered connection's reading is suspended until activation,
 * so a party that writes early loses nothing. Relayed bytes are never logged.
 */
final class Socks5Handler extends IoHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(Socks5Handler.class);

    /** Bytes queued towards one side above which the other side stops being read (back-pressure)... */
    static final long HIGH_WATER = 256 * 1024;
    /** ...and below which it is read again. */
    static final long LOW_WATER = 64 * 1024;

    private static final String HANDSHAKE = "parley.proxy65.handshake";
    private static final String HASH = "parley.proxy65.hash";
    private static final String CONNECTION = "parley.proxy65.connection";
    private static final String TIMEOUT = "parley.proxy65.timeout";

    private final ProxyPairs<RelayConnection> pairs;
    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final int maxConnections;

    Socks5Handler(ProxyPairs<RelayConnection> pairs, ScheduledExecutorService timer, Duration timeout,
            int maxConnections) {
        this.pairs = pairs;
        this.timer = timer;
        this.timeout = timeout;
        this.maxConnections = maxConnections;
    }

    @Override
    public void sessionOpened(IoSession session) {
        if (session.getService().getManagedSessionCount() > maxConnections) {
            LOG.info("refused a SOCKS5 connection from {}: {} connections open", session.getRemoteAddress(),
                    maxConnections);
            session.closeNow();
            return;
        }
        session.setAttribute(HANDSHAKE, new Socks5Handshake());
        session.setAttribute(CONNECTION, new MinaRelayConnection(session));
        ScheduledFuture<?> expiry = timer.schedule(() -> expire(session), timeout.toMillis(), TimeUnit.MILLISECONDS);
        session.setAttribute(TIMEOUT, expiry);
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        IoBuffer buffer = (IoBuffer) message;
        IoSession peer = MinaRelayConnection.peer(session);
        if (peer != null) {
            relay(session, peer, buffer);
            return;
        }
        Socks5Handshake handshake = (Socks5Handshake) session.getAttribute(HANDSHAKE);
        if (handshake == null) {
            session.closeNow(); // registered but not activated: reading is suspended, this cannot normally happen
            return;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Socks5Handshake.Step step = handshake.feed(bytes);
        if (step.reply().length > 0) {
            session.write(IoBuffer.wrap(step.reply()));
        }
        switch (step.stage()) {
            case GREETING, REQUEST -> { }
            case FAILED -> {
                LOG.debug("SOCKS5 handshake from {} failed", session.getRemoteAddress());
                session.closeOnFlush();
            }
            case CONNECT -> connect(session, handshake, step);
        }
    }

    private void connect(IoSession session, Socks5Handshake handshake, Socks5Handshake.Step step) {
        session.removeAttribute(HANDSHAKE);
        if (step.excess() > 0) {
            // XEP-0065: no data before activation; a client that pipelines it does not speak this protocol
            session.write(IoBuffer.wrap(handshake.reply(Socks5Handshake.GENERAL_FAILURE)));
            session.closeOnFlush();
            return;
        }
        String hash = handshake.address();
        ProxyPairs.Connect outcome = pairs.connect(hash, connection(session));
        switch (outcome) {
            case FIRST, SECOND -> {
                session.setAttribute(HASH, hash);
                session.suspendRead(); // until activation; early bytes wait in the socket
                session.write(IoBuffer.wrap(handshake.reply(Socks5Handshake.SUCCEEDED)));
                LOG.debug("SOCKS5 connection from {} registered as the {} party of a stream",
                        session.getRemoteAddress(), outcome == ProxyPairs.Connect.FIRST ? "first" : "second");
            }
            case IN_USE, FULL -> {
                LOG.info("refused a SOCKS5 CONNECT from {}: {}", session.getRemoteAddress(),
                        outcome == ProxyPairs.Connect.FULL ? "too many streams" : "stream hash already in use");
                session.write(IoBuffer.wrap(handshake.reply(outcome == ProxyPairs.Connect.FULL
                        ? Socks5Handshake.GENERAL_FAILURE : Socks5Handshake.NOT_ALLOWED)));
                session.closeOnFlush();
            }
        }
    }

    /**
     * Forwards one read to the peer. MINA allocates a new buffer for every read, so it is handed on as is. When the
     * peer's write queue passes {@link #HIGH_WATER}, this side stops being read until {@link #messageSent} sees the
     * queue below {@link #LOW_WATER}; the second check covers a queue that drained in between.
     */
    private static void relay(IoSession session, IoSession peer, IoBuffer buffer) {
        peer.write(buffer);
        if (peer.getScheduledWriteBytes() > HIGH_WATER) {
            session.suspendRead();
            if (peer.getScheduledWriteBytes() <= LOW_WATER) {
                MinaRelayConnection.resumeRead(session);
            }
        }
    }

    @Override
    public void messageSent(IoSession session, Object message) {
        IoSession peer = MinaRelayConnection.peer(session);
        if (peer != null && peer.isReadSuspended() && session.getScheduledWriteBytes() <= LOW_WATER) {
            MinaRelayConnection.resumeRead(peer);
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        ScheduledFuture<?> expiry = (ScheduledFuture<?>) session.getAttribute(TIMEOUT);
        if (expiry != null) {
            expiry.cancel(false);
        }
        String hash = (String) session.getAttribute(HASH);
        if (hash != null) {
            // the other side gets what was already relayed to it, then its end of the stream
            pairs.closed(hash, connection(session)).ifPresent(peer -> ((MinaRelayConnection) peer).closeOnFlush());
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        LOG.debug("SOCKS5 connection from {} failed: {}", session.getRemoteAddress(), cause.toString());
        session.closeNow();
    }

    /** Closes a connection that was not activated within the timeout. */
    private void expire(IoSession session) {
        if (MinaRelayConnection.peer(session) == null) {
            LOG.debug("SOCKS5 connection from {} not activated within {}; closed", session.getRemoteAddress(),
                    timeout);
            session.closeNow();
        }
    }

    private static RelayConnection connection(IoSession session) {
        return (RelayConnection) session.getAttribute(CONNECTION);
    }

    /** Cancels the activation timeout: a relayed stream may last as long as its parties keep it open. */
    static void activated(IoSession session) {
        ScheduledFuture<?> expiry = (ScheduledFuture<?>) session.removeAttribute(TIMEOUT);
        if (expiry != null) {
            expiry.cancel(false);
        }
    }
}
