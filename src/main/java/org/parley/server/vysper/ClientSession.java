package org.parley.server.vysper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.vysper.mina.codec.StanzaWriteInfo;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.protocol.StreamErrorCondition;
import org.apache.vysper.xmpp.server.AbstractSessionContext;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionState;
import org.apache.vysper.xmpp.server.XMPPVersion;
import org.apache.vysper.xmpp.server.response.ServerResponses;
import org.apache.vysper.xmpp.stanza.MessageStanza;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.writer.StanzaWriter;
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
 * {@link SslFilter} goes in front, reads resume; the handler treats the first decrypted data as the end of the
 * handshake (see {@code ClientIoHandler}). A direct TLS connection (XEP-0368) gets the filter before its first byte
 * is read and starts in Vysper's {@code ENCRYPTED} state, so its first stream goes straight to SASL.
 *
 * <p>As a {@link RecipientSession} it answers "can this session still receive?" with one flag, {@code closed}, set
 * under the same lock as every write: when the session starts to end, when the client half-closes, or when the
 * client stops reading and its output bound ({@code c2s.max_output_bytes}) is reached. Messages handed to MINA are
 * remembered until MINA reports them written to the socket; those still waiting when the connection is gone are
 * handed back to the router ({@link RecipientSession.Undelivered}), so a client that vanishes or stops reading does
 * not take them with it.
 */
final class ClientSession extends AbstractSessionContext implements StanzaWriter, TlsAware, RecipientSession {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final byte[] STREAM_CLOSE = "</stream:stream>".getBytes(StandardCharsets.UTF_8);
    /** Over the output bound, this long without a byte written to the socket means the client stopped reading. */
    private static final long STALL_MILLIS = 1_000;
    /** Unread output past this many times the bound is cut off even while the client still reads a little. */
    private static final long HARD_CAP_FACTOR = 16;

    private final IoSession io;
    private final TlsFilters tls;
    private final StreamFeatures features;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long maxOutputBytes;
    private final RecipientSession.Undelivered undelivered;
    /** Messages handed to MINA and not yet reported written to the socket, in write order. */
    private final ArrayDeque<StanzaWriteInfo> unsent = new ArrayDeque<>();
    private boolean streamHeaderWritten;
    private boolean startTlsAfterNextWrite;
    private boolean closed;

    ClientSession(ServerRuntimeContext runtime, SessionStateHolder state, IoSession io, TlsFilters tls,
            StreamFeatures features, long maxOutputBytes, RecipientSession.Undelivered undelivered) {
        super(runtime, state);
        this.features = features;
        this.io = io;
        this.tls = tls;
        this.maxOutputBytes = maxOutputBytes;
        this.undelivered = undelivered;
        state.setState(SessionState.INITIATED);
    }

    /**
     * Makes this a direct TLS connection (XEP-0368): TLS from the first byte, which must be called before anything
     * is read. The stream then counts as encrypted as after STARTTLS: no {@code <starttls/>} is offered (XEP-0368:
     * "STARTTLS MUST NOT be used over direct TLS connections"), SASL PLAIN and registration are.
     */
    synchronized void startDirectTls(SessionStateHolder state) {
        tls.install(io, this, true);
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
        startTlsAfterNextWrite = true;
        if (!delayed) {
            addTlsFilter();
        }
    }

    @Override
    public synchronized void setIsReopeningXMLStream() {
        streamHeaderWritten = false;
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
        writeOpen(stanza);
        return true;
    }

    /**
     * Whether the client has stopped reading: more than {@code c2s.max_output_bytes} unread and nothing written to
     * its socket for {@link #STALL_MILLIS}, or more than {@link #HARD_CAP_FACTOR} times that however it reads. A
     * client that reads a burst (its offline messages) while it arrives is not cut off.
     */
    private boolean stoppedReading() {
        long unread = io.getScheduledWriteBytes();
        return unread > maxOutputBytes * HARD_CAP_FACTOR || (unread > maxOutputBytes
                && System.currentTimeMillis() - io.getLastWriteTime() > STALL_MILLIS);
    }

    @Override
    public boolean deliver(Stanza stanza) {
        List<Stanza> unread;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (!stoppedReading()) {
                writeOpen(stanza);
                return true;
            }
            // the client stopped reading: it gets no more, and what it did not read goes back to the router
            closed = true;
            unread = takeUnsent();
            writeOpen(StreamErrors.of(StreamErrorCondition.POLICY_VIOLATION, "the client stopped reading"));
            io.write(IoBuffer.wrap(STREAM_CLOSE));
        }
        LOG.info("session {}: {} bytes not read by the client, over c2s.max_output_bytes; disconnecting",
                getSessionId(), io.getScheduledWriteBytes());
        // The client is not reading, so the socket takes nothing more and MINA drops its queue on close: the unread
        // messages are routed again now, on this thread, before the caller routes this one, so they keep their order.
        io.closeNow();
        if (!unread.isEmpty()) {
            undelivered.reroute(this, unread);
        }
        return false;
    }

    /** The messages not yet written to the socket, taken out; the caller holds the lock. */
    private List<Stanza> takeUnsent() {
        List<Stanza> taken = new ArrayList<>(unsent.size());
        for (StanzaWriteInfo info : unsent) {
            taken.add(info.getStanza());
        }
        unsent.clear();
        return taken;
    }

    @Override
    public synchronized boolean canReceive() {
        return !closed;
    }

    /**
     * The client half-closed its connection (TCP FIN), seen on the I/O thread before the stanzas before it are
     * processed: nothing more is written to it, so stanzas for it are routed elsewhere or stored instead of being
     * lost in a socket that is about to close.
     */
    synchronized void inputClosed() {
        closed = true;
    }

    /** MINA wrote {@code message} to the socket (I/O thread): it is no longer at risk. */
    synchronized void sent(Object message) {
        if (!unsent.isEmpty() && unsent.peekFirst() == message) {
            unsent.pollFirst();
        }
    }

    /**
     * The connection is gone (MINA closed it; nothing more will be written): the messages that never reached the
     * socket are handed back to the router, once.
     */
    void connectionClosed() {
        List<Stanza> lost;
        synchronized (this) {
            closed = true;
            lost = takeUnsent();
        }
        if (!lost.isEmpty()) {
            LOG.debug("session {}: {} messages did not reach the client; routing them again", getSessionId(),
                    lost.size());
            undelivered.reroute(this, lost);
        }
    }

    /** Writes to the open stream; the caller holds the lock and checked {@code closed}. */
    private void writeOpen(Stanza stanza) {
        boolean opening = !streamHeaderWritten;
        if (LOG.isTraceEnabled()) {
            LOG.trace("session {}: sending <{}>{}", getSessionId(), stanza.getName(), opening ? " with prolog" : "");
        }
        if (startTlsAfterNextWrite) {
            // the client's ClientHello must not be read before the filter is in place
            ReadGate.hold(io, ReadGate.Reason.STARTTLS);
        }
        Stanza outgoing = StreamErrors.normalize(withExtraFeatures(stanza));
        if (isSaslSuccess(outgoing)) {
            // RFC 6120 §6.4.6: the client restarts its stream once it reads this, so the decoder must expect it now
            XmlStreamDecoder.expectRestart(io, true);
        }
        if (opening && StreamErrors.isStreamError(outgoing)) {
            // RFC 6120 §4.9.1.1: an error before our stream header still goes inside a stream header
            outgoing = new ServerResponses().getStreamOpenerForError(true, getServerJID(), XMPPVersion.VERSION_1_0,
                    outgoing);
        }
        StanzaWriteInfo info = new StanzaWriteInfo(outgoing, opening);
        if (MessageStanza.isOfType(outgoing)) {
            unsent.addLast(info);
        }
        io.write(info);
        streamHeaderWritten = true;
        if (startTlsAfterNextWrite) {
            addTlsFilter();
        }
    }

    private static boolean isSaslSuccess(Stanza stanza) {
        return "success".equals(stanza.getName())
                && NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_SASL.equals(stanza.getNamespaceURI());
    }

    /**
     * Adds Parley's own features to the features Vysper offers: XEP-0077 {@code <register/>} on an encrypted stream
     * before authentication, RFC 6121 roster versioning and pre-approval after it. Vysper builds the list itself and
     * only knows its own modules' features (and would offer registration before TLS).
     */
    private Stanza withExtraFeatures(Stanza stanza) {
        if (!"stream".equals(stanza.getName())) {
            return stanza;
        }
        List<XMLElement> extra = switch (getState()) {
            case ENCRYPTED -> features.preAuth();
            case AUTHENTICATED -> features.postAuth();
            default -> List.of();
        };
        if (extra.isEmpty()) {
            return stanza;
        }
        List<XMLFragment> inner = new ArrayList<>();
        for (XMLFragment fragment : stanza.getInnerFragments()) {
            if (fragment instanceof XMLElement element && "features".equals(element.getName())) {
                List<XMLFragment> offered = new ArrayList<>(element.getInnerFragments());
                offered.addAll(extra);
                fragment = new XMLElement(element.getNamespaceURI(), element.getName(),
                        element.getNamespacePrefix(), element.getAttributes(), offered,
                        element.getDeclaredNamespaces());
            }
            inner.add(fragment);
        }
        return new Stanza(stanza.getNamespaceURI(), stanza.getName(), stanza.getNamespacePrefix(),
                stanza.getAttributes(), inner, stanza.getDeclaredNamespaces());
    }

    private void addTlsFilter() {
        startTlsAfterNextWrite = false;
        // writes already queued (the <proceed/>) are below the filter chain and leave in clear
        tls.install(io, this, false);
        // RFC 6120 §5.4.3.3: the first decrypted bytes start a new stream (reads are still paused here)
        XmlStreamDecoder.expectRestart(io, false);
        ReadGate.release(io, ReadGate.Reason.STARTTLS);
    }

    /**
     * MINA's {@link SslFilter} records the engine's session when the handshake finishes, before it passes any
     * decrypted data up, so by the time a SASL element is processed it is there.
     */
    @Override
    public Optional<SSLSession> tlsSession() {
        return Optional.ofNullable((SSLSession) io.getAttribute(SslFilter.SSL_SECURED));
    }

    /** Closes our stream ({@code </stream:stream>}, RFC 6120 §4.4) and then the TCP connection, once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (io.isConnected()) {
            if (!streamHeaderWritten) {
                // nothing was sent yet: a closing tag alone would not be well-formed XML
                io.closeOnFlush();
                return;
            }
            io.write(IoBuffer.wrap(STREAM_CLOSE));
            io.closeOnFlush();
        }
    }

    /** Sends a stream error (RFC 6120 §4.9) and ends the session. */
    void streamError(StreamErrorCondition condition, String text) {
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
        super.endSession(effective);
    }

    boolean isEnded() {
        return ended.get();
    }

    IoSession io() {
        return io;
    }
}
