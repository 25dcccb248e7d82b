package org.parley.server.vysper;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.vysper.xmpp.protocol.StreamErrorCondition;
import org.apache.vysper.xmpp.server.SessionContext.SessionTerminationCause;
import org.apache.vysper.xmpp.server.SessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The total time a connection has to log in ({@code c2s.login_timeout}, docs/security.md): from its accept to SASL
 * success and a bound resource. The idle timeout only closes a silent connection; a client that dribbles a byte a
 * second is never silent, and without this deadline it would keep one of the few unauthenticated places of its
 * address for as long as it liked. A connection still not logged in when the deadline passes gets a
 * {@code connection-timeout} stream error (RFC 6120 §4.9.3.4) and is closed; one whose TLS handshake has not
 * finished (nothing can be written to it) is closed at once.
 *
 * <p>The timer thread only puts {@link #EXPIRED} into the connection's input, so the decision and the close run on
 * the connection's own ordered processing thread, after whatever it sent before (a resource bind already read is
 * honoured), as {@link Keepalive#TIMED_OUT} does.
 */
final class LoginDeadline {

    private static final Logger LOG = LoggerFactory.getLogger(LoginDeadline.class);
    private static final AttributeKey TIMER = new AttributeKey(LoginDeadline.class, "timer");
    /**
     * How long the stream error may take to leave before the connection is cut: a client that does not read could
     * otherwise hold its place (and its unauthenticated count) by never letting the close flush.
     */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    /** Put into the connection's input when its deadline passed. */
    static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "login deadline passed";
        }
    };

    private final Duration timeout;
    private final ScheduledExecutorService timer;

    LoginDeadline(Duration timeout, ScheduledExecutorService timer) {
        this.timeout = timeout;
        this.timer = timer;
    }

    /** Starts the deadline of a connection just accepted. */
    void start(IoSession io) {
        ScheduledFuture<?> task = timer.schedule(() -> {
            if (io.isConnected()) {
                // into the chain after the TLS filter and the decoder, which only take bytes
                io.getFilterChain().getNextFilter(C2sEndpoint.DECODER_FILTER).messageReceived(io, EXPIRED);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        io.setAttribute(TIMER, task);
    }

    /** The connection closed: its timer is dropped, so a closed connection holds no memory until its deadline. */
    void cancel(IoSession io) {
        ScheduledFuture<?> task = (ScheduledFuture<?>) io.removeAttribute(TIMER);
        if (task != null) {
            task.cancel(false);
        }
    }

    /** {@link #EXPIRED} reached the connection's processing thread: closes it unless it has logged in meanwhile. */
    void expired(IoSession io, ClientSession session) {
        io.removeAttribute(TIMER);
        if (session.isEnded() || loggedIn(session)) {
            return;
        }
        LOG.info("session {} ({}) did not log in within {} s, closing", session.getSessionId(),
                UnauthenticatedGate.address(io), timeout.toSeconds());
        if (io.getFilterChain().contains(SslFilter.class) && io.getAttribute(SslFilter.SSL_SECURED) == null) {
            // in the TLS handshake: a stream error would wait behind it for ever
            session.endSession(SessionTerminationCause.CONNECTION_ABORT);
            io.closeNow();
            return;
        }
        session.streamError(StreamErrorCondition.CONNECTION_TIMEOUT, "not logged in in time");
        timer.schedule(() -> {
            if (io.isConnected()) {
                io.closeNow();
            }
        }, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean loggedIn(ClientSession session) {
        return session.getState() == SessionState.AUTHENTICATED
                && session.getServerRuntimeContext().getResourceRegistry().getUniqueResourceForSession(session)
                        != null;
    }
}
