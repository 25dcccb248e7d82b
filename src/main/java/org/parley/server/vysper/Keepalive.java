package org.parley.server.vysper;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.protocol.StreamErrorCondition;
import org.apache.vysper.xmpp.server.SessionState;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds dead and half-open connections (docs/security.md). MINA reports a connection idle when nothing was read
 * for a while. A session with a bound resource is then sent an XEP-0199 ping after {@code pingInterval} of silence;
 * if nothing at all arrives within {@code pingTimeout} (any data proves the client alive, the answer itself is
 * consumed as every IQ response to the server is), the stream ends with {@code connection-timeout}, through the
 * normal end of session, so contacts get unavailable presence. Other connections (not logged in yet) are closed
 * after {@code idleTimeout} of silence, as before.
 */
final class Keepalive {

    private static final Logger LOG = LoggerFactory.getLogger(Keepalive.class);
    private static final AttributeKey PING_SENT = new AttributeKey(Keepalive.class, "pingSent");

    /**
     * Put into the connection's input when a ping went unanswered, so the stream ends on the connection's own
     * ordered processing thread (after whatever it sent before), not on the timer thread.
     */
    static final Object TIMED_OUT = new Object() {
        @Override
        public String toString() {
            return "ping timed out";
        }
    };

    private final Duration idleTimeout;
    private final Duration pingInterval;
    private final Duration pingTimeout;
    private final ScheduledExecutorService timer;
    private final AtomicInteger ids = new AtomicInteger();

    Keepalive(Duration idleTimeout, Duration pingInterval, Duration pingTimeout, ScheduledExecutorService timer) {
        this.idleTimeout = idleTimeout;
        this.pingInterval = pingInterval;
        this.pingTimeout = pingTimeout;
        this.timer = timer;
    }

    /** How often MINA should check for silence: the shorter of the two silences acted on, in whole seconds. */
    int idleCheckSeconds() {
        return (int) Math.max(1, Math.min(idleTimeout.toSeconds(), pingInterval.toSeconds()));
    }

    /** MINA found {@code io} idle (on its processing thread). */
    void idle(IoSession io, ClientSession session) {
        long silentMillis = System.currentTimeMillis() - io.getLastReadTime();
        String resource = session.getState() == SessionState.AUTHENTICATED
                ? session.getServerRuntimeContext().getResourceRegistry().getUniqueResourceForSession(session)
                : null;
        if (resource == null) {
            if (silentMillis >= idleTimeout.toMillis()) {
                LOG.debug("session {} idle, closing", session.getSessionId());
                session.streamError(StreamErrorCondition.CONNECTION_TIMEOUT, "no traffic for too long");
            }
            return;
        }
        if (silentMillis < pingInterval.toMillis() || io.getAttribute(PING_SENT) != null) {
            return;
        }
        long sentAt = System.currentTimeMillis();
        io.setAttribute(PING_SENT, sentAt);
        session.write(StanzaBuilder.createIQStanza(session.getServerJID(),
                new EntityImpl(session.getInitiatingEntity(), resource), IQStanzaType.GET,
                "parley-ping-" + ids.incrementAndGet())
                .startInnerElement("ping", NamespaceURIs.URN_XMPP_PING).endInnerElement().build());
        timer.schedule(() -> check(io, session, sentAt), pingTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void check(IoSession io, ClientSession session, long sentAt) {
        io.removeAttribute(PING_SENT);
        if (io.getLastReadTime() >= sentAt || session.isEnded()) {
            return; // it answered (or said anything), or it is gone already
        }
        LOG.info("session {} ({}) did not answer a ping, closing", session.getSessionId(),
                UnauthenticatedGate.address(io));
        // into the chain after the TLS filter and the decoder, which only take bytes
        io.getFilterChain().getNextFilter(C2sEndpoint.DECODER_FILTER).messageReceived(io, TIMED_OUT);
    }
}
