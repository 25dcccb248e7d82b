package org.parley.server.vysper;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.session.IoSession;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.protocol.StreamErrorCondition;
import org.apache.vysper.xmpp.server.AbstractSessionContext;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionState;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.writer.StanzaWriter;
import org.parley.streammgmt.SmFailure;
import org.parley.streammgmt.UnackedQueue;
import org.parley.xmpp.vysper.RecipientSession;
import org.parley.xmpp.vysper.TlsAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection as Vysper sees it: a {@code SessionContext} that writes to a MINA session.
 *
 * <p>Replaces Vysper's {@code MinaBackedSessionContext}, whose unsynchronised "stream header written" flag let two
 * threads emit a second XML prolog. Here every write is serialised on this object, so the stream header, stanzas and
 * the closing tag leave in one well-formed order whichever thread (the connection's own processing thread or a relay
 * thread) writes. STARTTLS is done the MINA 2.2 way: reads are paused, {@code <proceed/>} is queued in clear, the
 * {@code SslFilter} goes in front, reads resume; the handler treats the first decrypted data as the end of the
 * handshake (see {@code ClientIoHandler}). A direct TLS connection (XEP-0368) gets the filter before its first byte
 * is read and starts in Vysper's {@code ENCRYPTED} state, so its first stream goes straight to SASL.
 *
 * <p>As a {@link RecipientSession} it answers "can this session still receive?" with one flag, {@code closed}, set
 * under the same lock as every write: when the session starts to end, when the client half-closes, or when the
 * client stops reading and its output bound ({@code c2s.max_output_bytes}) is reached. Messages handed to MINA are
 * remembered until MINA reports them written to the socket; those still waiting when the connection is gone are
 * handed back to the router ({@link RecipientSession.Undelivered}), so a client that vanishes or stops reading does
 * not take them with it.
 *
 * <p>The output itself (the MINA session, stream header, TLS switch, XEP-0198 counters and queue) is in
 * {@link ClientOutput}, used only under this object's lock. With stream management a session can outlive its
 * connection and move to another one ({@link #connectionLost}, {@link #resumeOnto}, {@link #expire}; ADR 0021).
 */
final class ClientSession extends AbstractSessionContext implements StanzaWriter, TlsAware, RecipientSession {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    /** For {@link #expire}: whichever detachment the session is in. */
    static final long ANY_DETACHMENT = -1;

    private final SessionStateHolder stateHolder;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final RecipientSession.Undelivered undelivered;
    private final StreamManagement streamManagement;
    /** Guarded by this, like {@code closed}. */
    private final ClientOutput out;
    private final SmState sm;
    private boolean closed;

    ClientSession(ServerRuntimeContext runtime, SessionStateHolder state, IoSession io, TlsFilters tls,
            StreamFeatures features, long maxOutputBytes, RecipientSession.Undelivered undelivered,
            StreamManagement streamManagement) {
        super(runtime, state);
        this.stateHolder = state;
        this.undelivered = undelivered;
        this.streamManagement = streamManagement;
        this.out = new ClientOutput(this, io, tls, features, maxOutputBytes, streamManagement);
        this.sm = out.sm();
        state.setState(SessionState.INITIATED);
    }

    /**
     * Makes this a direct TLS connection (XEP-0368): TLS from the first byte, which must be called before anything
     * is read. The stream then counts as encrypted as after STARTTLS: no {@code <starttls/>} is offered (XEP-0368:
     * "STARTTLS MUST NOT be used over direct TLS connections"), SASL PLAIN and registration are.
     */
    synchronized void startDirectTls(SessionStateHolder state) {
        out.startDirectTls();
        state.setState(SessionState.ENCRYPTED);
    }

    @Override
    public StanzaWriter getResponseWriter() {
        return this;
    }

    @Override
    public synchronized void switchToTLS(boolean delayed, boolean clientTls) {
        if (clientTls) {
            throw new UnsupportedOperationException("client-mode TLS is for server-to-server links, not offered");
        }
        // Vysper's STARTTLS handler asks for the switch before its <proceed/> is written: do it right after.
        out.switchToTls(delayed);
    }

    @Override
    public synchronized void setIsReopeningXMLStream() {
        out.reopening();
    }

    /** Vysper's writer, for the session's own responses: after the stream is closed they have nowhere to go. */
    @Override
    public void write(Stanza stanza) {
        if (!deliverUnbounded(stanza)) {
            LOG.debug("session {}: dropped a <{}> written after the stream was closed", getSessionId(),
                    stanza.getName());
        }
    }

    @Override
    public synchronized boolean deliverUnbounded(Stanza stanza) {
        if (closed) {
            return false;
        }
        out.write(stanza);
        return true;
    }

    @Override
    public boolean deliver(Stanza stanza) {
        List<Stanza> unread;
        boolean detached;
        synchronized (this) {
            if (closed) {
                return false;
            }
            boolean full = sm.full();
            if (!full && (sm.detached() || !out.stoppedReading())) {
                out.write(stanza);
                return true;
            }
            // the client stopped reading or acknowledging: it gets no more, and the rest goes back to the router
            closed = true;
            sm.revokeResume();
            detached = sm.detached();
            unread = out.takeLeftovers(getServerJID());
            out.write(full ? StreamErrors.of(SmFailure.TOO_MANY_UNACKED.condition(), "too many unacknowledged stanzas")
                    : StreamErrors.of(StreamErrorCondition.POLICY_VIOLATION, "the client stopped reading"));
            // The client is not reading, so the socket takes nothing more and MINA drops its queue on close.
            out.closeStreamNow();
        }
        LOG.info("session {}: over sm.max_unacked or c2s.max_output_bytes, disconnecting; routing {} stanzas again",
                getSessionId(), unread.size());
        if (detached) {
            // no connection will report its end: the session ends here (its backlog is routed first, for order)
            endAfterReroute(unread);
            return false;
        }
        // the unread stanzas are routed again now, on this thread, before the caller routes this one: same order
        if (!unread.isEmpty()) {
            undelivered.reroute(this, unread);
        }
        return false;
    }

    @Override
    public synchronized boolean canReceive() {
        return !closed;
    }

    /**
     * The client half-closed its connection (TCP FIN), seen on the I/O thread before the stanzas before it are
     * processed: nothing more is written to it, so stanzas for it are routed elsewhere or stored instead of being
     * lost in a socket that is about to close (with resumption on, kept for the client instead: ADR 0021).
     */
    synchronized void inputClosed() {
        if (sm.resumable()) {
            sm.detach(); // the expiry is armed in order, later, by connectionLost
            return;
        }
        closed = true;
    }

    /** MINA wrote {@code message} to the socket (I/O thread): it is no longer at risk. */
    synchronized void sent(Object message) {
        out.sent(message);
    }

    /**
     * The connection is gone (MINA closed it; nothing more will be written): the stanzas that never reached the
     * socket (with stream management: that were never acknowledged) are handed back to the router, once.
     */
    void connectionClosed() {
        List<Stanza> lost;
        synchronized (this) {
            closed = true;
            lost = out.takeLeftovers(getServerJID());
        }
        if (!lost.isEmpty()) {
            LOG.debug("session {}: {} stanzas did not reach the client; routing them again", getSessionId(),
                    lost.size());
            undelivered.reroute(this, lost);
        }
    }

    // ---- XEP-0198 (ADR 0021): the state is in SmState, changed under this lock with the writes ----

    /**
     * Runs {@code op} on the output under this session's lock, the lock of every write (XEP-0198 operations: the
     * counters, the queue and what is written change together).
     */
    synchronized <T> T locked(Function<ClientOutput, T> op) {
        return op.apply(out);
    }

    /** {@link #locked}, unless the session is closed: then nothing is written and {@code ifClosed} is returned. */
    synchronized <T> T ifOpen(Function<ClientOutput, T> op, T ifClosed) {
        return closed ? ifClosed : op.apply(out);
    }

    /** A stream error about stream management: the session ends for good. */
    void smStreamError(Stanza error) {
        synchronized (this) {
            sm.revokeResume();
        }
        write(error);
        endSession(SessionTerminationCause.STREAM_ERROR);
    }

    /**
     * The connection {@code from} is gone (closed or half-closed, no {@code </stream>}): a resumable session detaches
     * and waits ({@link Takeover.Lost#DETACHED} the first time, to arm its expiry; {@link Takeover.Lost#WAITING} after), one served
     * by another connection by now ignores it, any other ends.
     */
    synchronized Takeover.Lost connectionLost(IoSession from) {
        if (from != out.io()) {
            return Takeover.Lost.NOT_MINE;
        }
        if (isEnded() || closed || !sm.resumable() || !streamManagement.accepting()) {
            return Takeover.Lost.END;
        }
        sm.detach();
        return sm.armExpiry() ? Takeover.Lost.DETACHED : Takeover.Lost.WAITING;
    }

    /** Whether the session is detached in detachment {@code generation} still (not resumed since). */
    synchronized boolean detachedIn(long generation) {
        return sm.detached() && sm.generation() == generation;
    }

    String resumeId() {
        return locked(o -> o.sm().resumeId());
    }

    /**
     * Moves this session onto {@code to}, the connection that sent {@code <resume h/>}: acknowledged stanzas are
     * dropped, {@code <resumed/>} and then the rest are written to {@code to}, in order, before any new stanza (all
     * under this lock, which every writer takes).
     */
    synchronized Takeover.Resume resumeOnto(IoSession to, long h) {
        if (closed || isEnded() || !sm.resumable()) {
            return new Takeover.Gone();
        }
        if (sm.ack(h) instanceof UnackedQueue.TooHigh<Stanza> tooHigh) {
            return new Takeover.TooHigh(tooHigh.h(), tooHigh.sent());
        }
        return new Takeover.Resumed(out.resumeOnto(to));
    }

    /**
     * The resumption window of detachment {@code generation} ({@link #ANY_DETACHMENT}: whichever) ended: the
     * session ends for good, now (any thread): unacknowledged stanzas are routed again first, then the session signs
     * off (unavailable presence, unbind). Nothing happens if it was resumed or ended meanwhile.
     */
    void expire(long generation) {
        List<Stanza> leftovers;
        synchronized (this) {
            if (closed || isEnded() || !sm.detached()
                    || (generation != ANY_DETACHMENT && sm.generation() != generation)) {
                return;
            }
            closed = true;
            leftovers = out.takeLeftovers(getServerJID());
        }
        endAfterReroute(leftovers);
    }

    private void endAfterReroute(List<Stanza> leftovers) {
        if (!leftovers.isEmpty()) {
            undelivered.reroute(this, leftovers);
        }
        endSession(SessionTerminationCause.CONNECTION_ABORT);
    }

    /** A temporary session whose connection now serves a resumed one: it ends without a trace (never bound). */
    synchronized void retire() {
        closed = true;
        ended.set(true);
    }

    /**
     * MINA's {@code SslFilter} records the engine's session when the handshake finishes, before it passes any
     * decrypted data up, so by the time a SASL element is processed it is there.
     */
    @Override
    public synchronized Optional<SSLSession> tlsSession() {
        return out.tlsSession();
    }

    /** Closes our stream ({@code </stream:stream>}, RFC 6120 §4.4) and then the TCP connection, once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!sm.detached()) {
            out.closeStream();
        }
    }

    /** Sends a stream error (RFC 6120 §4.9) and ends the session. */
    void streamError(StreamErrorCondition condition, String text) {
        synchronized (this) {
            if (condition == StreamErrorCondition.CONNECTION_TIMEOUT && sm.resumable() && !sm.detached()) {
                // a dead link is what resumption is for: the connection goes, the session waits (ADR 0021)
                out.write(StreamErrors.of(condition, text));
                out.io().closeNow();
                return;
            }
            sm.revokeResume();
        }
        write(StreamErrors.of(condition, text));
        endSession(SessionTerminationCause.STREAM_ERROR);
    }

    /**
     * Ends the session once, whatever ends it. Vysper skips the unavailable-presence broadcast after a stream
     * error, leaving "ghost" presences; Parley treats every end of an authenticated session like a connection
     * abort so contacts always learn the user went offline (RFC 6121 §4.6.1 cleanup).
     */
    @Override
    public void endSession(SessionTerminationCause cause) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        SessionTerminationCause effective = cause == SessionTerminationCause.STREAM_ERROR
                ? SessionTerminationCause.CONNECTION_ABORT
                : cause;
        boolean detached;
        synchronized (this) {
            detached = sm.detached();
        }
        if (resumeId() != null) {
            streamManagement.ended(this);
        }
        super.endSession(effective);
        if (detached) {
            // ended while waiting (replaced by a new bind of its resource, say): no connection close will come to
            // route its unacknowledged stanzas again, so it happens here, after the unbind (ADR 0021)
            connectionClosed();
        }
    }

    boolean isEnded() {
        return ended.get();
    }

    /** The MINA session this session writes to now (read without the lock: events of every connection ask). */
    IoSession io() {
        return out.io();
    }

    SessionStateHolder stateHolder() {
        return stateHolder;
    }
}
