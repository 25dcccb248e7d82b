package org.parley.server.vysper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.vysper.mina.codec.StanzaWriteInfo;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.server.XMPPVersion;
import org.apache.vysper.xmpp.server.response.ServerResponses;
import org.apache.vysper.xmpp.stanza.MessageStanza;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.streammgmt.UnackedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output side of a {@link ClientSession}: the MINA session it writes to (another one after a XEP-0198
 * resumption), the stream header, the switch to TLS after {@code <proceed/>}, Parley's extra stream features, the
 * messages not yet on the socket and the stream management counters and queue ({@link SmState}).
 *
 * <p>Not thread-safe on purpose: every method is called with the owning session's monitor held, the one lock of
 * every write, so a stanza is counted, queued and written in one step (ADR 0021).
 */
final class ClientOutput {

    private static final Logger LOG = LoggerFactory.getLogger(ClientOutput.class);
    /** Our closing tag (RFC 6120 §4.4); also written by stream management to a connection it takes a session from. */
    static final byte[] STREAM_CLOSE = "</stream:stream>".getBytes(StandardCharsets.UTF_8);
    /** Over the output bound, this long without a byte written to the socket means the client stopped reading. */
    private static final long STALL_MILLIS = 1_000;
    /** Unread output past this many times the bound is cut off even while the client still reads a little. */
    private static final long HARD_CAP_FACTOR = 16;

    private final ClientSession session;
    private final TlsFilters tls;
    private final StreamFeatures features;
    private final long maxOutputBytes;
    private final StreamManagement streamManagement;
    private final SmState sm;
    /** Messages handed to MINA and not yet reported written to the socket, in write order (without SM). */
    private final ArrayDeque<StanzaWriteInfo> unsent = new ArrayDeque<>();
    /** Volatile so that {@link ClientSession#io()} can be read on MINA's I/O thread without the lock. */
    private volatile IoSession io;
    private boolean streamHeaderWritten;
    private boolean startTlsAfterNextWrite;

    ClientOutput(ClientSession session, IoSession io, TlsFilters tls, StreamFeatures features, long maxOutputBytes,
            StreamManagement streamManagement) {
        this.session = session;
        this.io = io;
        this.tls = tls;
        this.features = features;
        this.maxOutputBytes = maxOutputBytes;
        this.streamManagement = streamManagement;
        this.sm = new SmState(streamManagement.limits());
    }

    IoSession io() {
        return io;
    }

    SmState sm() {
        return sm;
    }

    /** TLS from the first byte (XEP-0368), before anything is read. */
    void startDirectTls() {
        tls.install(io, session, true);
    }

    /** STARTTLS: the filter goes in right after the next write (the {@code <proceed/>}), or now. */
    void switchToTls(boolean delayed) {
        startTlsAfterNextWrite = true;
        if (!delayed) {
            addTlsFilter();
        }
    }

    void reopening() {
        streamHeaderWritten = false;
    }

    /**
     * Whether the client has stopped reading: more than {@code c2s.max_output_bytes} unread and nothing written to
     * its socket for {@link #STALL_MILLIS}, or more than {@link #HARD_CAP_FACTOR} times that however it reads. A
     * client that reads a burst (its offline messages) while it arrives is not cut off.
     */
    boolean stoppedReading() {
        long unread = io.getScheduledWriteBytes();
        return unread > maxOutputBytes * HARD_CAP_FACTOR || (unread > maxOutputBytes
                && System.currentTimeMillis() - io.getLastWriteTime() > STALL_MILLIS);
    }

    /**
     * What must be routed again when the session ends, taken out. With stream management on: every unacknowledged
     * stanza that needs it ({@link Leftovers}); else the messages not yet written to the socket.
     */
    List<Stanza> takeLeftovers(Entity server) {
        if (sm.enabled()) {
            return Leftovers.toReroute(sm.drain(), server.getDomain());
        }
        List<Stanza> taken = new ArrayList<>(unsent.size());
        for (StanzaWriteInfo info : unsent) {
            taken.add(info.getStanza());
        }
        unsent.clear();
        return taken;
    }

    /** MINA wrote {@code message} to the socket (I/O thread): it is no longer at risk. */
    void sent(Object message) {
        if (!unsent.isEmpty() && unsent.peekFirst() == message) {
            unsent.pollFirst();
        }
    }

    /** Writes to the open stream (the caller checked it is); detached, a stanza is kept for the resumption. */
    void write(Stanza stanza) {
        if (sm.detached()) {
            if (sm.counts(stanza)) {
                sm.sent(stanza, Instant.now()); // anything else has nowhere to go
            }
            return;
        }
        boolean opening = !streamHeaderWritten;
        if (LOG.isTraceEnabled()) {
            LOG.trace("session {}: sending <{}>{}", session.getSessionId(), stanza.getName(),
                    opening ? " with prolog" : "");
        }
        if (startTlsAfterNextWrite) {
            // the client's ClientHello must not be read before the filter is in place
            ReadGate.hold(io, ReadGate.Reason.STARTTLS);
        }
        Stanza outgoing = StreamErrors.normalize(features.addTo(stanza, session.getState()));
        if (isSaslSuccess(outgoing)) {
            // RFC 6120 §6.4.6: the client restarts its stream once it reads this, so the decoder must expect it now
            XmlStreamDecoder.expectRestart(io, true);
        }
        if (opening && StreamErrors.isStreamError(outgoing)) {
            // RFC 6120 §4.9.1.1: an error before our stream header still goes inside a stream header
            outgoing = new ServerResponses().getStreamOpenerForError(true, session.getServerJID(),
                    XMPPVersion.VERSION_1_0, outgoing);
        }
        StanzaWriteInfo info = new StanzaWriteInfo(outgoing, opening);
        boolean counted = sm.counts(outgoing);
        if (counted) {
            sm.sent(outgoing, Instant.now());
        } else if (MessageStanza.isOfType(outgoing)) {
            unsent.addLast(info);
        }
        io.write(info);
        streamHeaderWritten = true;
        if (counted) {
            requestAckIfDue();
        }
        if (startTlsAfterNextWrite) {
            addTlsFilter();
        }
    }

    /** {@code </stream:stream>} (RFC 6120 §4.4), then the TCP connection closes once it is flushed. */
    void closeStream() {
        if (!io.isConnected()) {
            return;
        }
        if (streamHeaderWritten) {
            io.write(IoBuffer.wrap(STREAM_CLOSE)); // without a header, a closing tag alone would not be well-formed
        }
        io.closeOnFlush();
    }

    /** The closing tag after a final error, and the connection cut at once (the client is not reading). */
    void closeStreamNow() {
        io.write(IoBuffer.wrap(STREAM_CLOSE));
        io.closeNow();
    }

    /** XEP-0198 §4: an {@code <r/>} once enough stanzas wait unacknowledged, or a timer for the quiet case. */
    void requestAckIfDue() {
        if (sm.requestDue()) {
            io.write(new StanzaWriteInfo(SmElements.request(), false));
        } else if (sm.armRequestTimer()) {
            streamManagement.requestLater(session);
        }
    }

    /** {@code <enable/>} was accepted: {@code <enabled/>} goes out, and from then on stanzas are counted. */
    Void enable(String resumeId) {
        write(SmElements.enabled(resumeId, streamManagement.limits().resumeSeconds()));
        sm.enable(resumeId);
        return null;
    }

    /** An inbound stanza was processed completely (everything it caused is durable): {@code h} counts it. */
    Void handledOne() {
        if (sm.enabled()) {
            sm.handledOne();
        }
        return null;
    }

    /** {@code <r/>} from the client: {@code <a h/>} with what was handled so far (§4). */
    Void answerAckRequest() {
        if (sm.enabled()) {
            write(SmElements.ack(sm.handled()));
        }
        return null;
    }

    /** {@code <a h/>} from the client; the {@link UnackedQueue.TooHigh} verdict to report, if any. */
    Optional<UnackedQueue.TooHigh<Stanza>> acknowledged(long h) {
        if (sm.enabled() && sm.ack(h) instanceof UnackedQueue.TooHigh<Stanza> tooHigh) {
            return Optional.of(tooHigh);
        }
        return Optional.empty();
    }

    /** The quiet-time timer fired. */
    Void requestTimerFired() {
        if (sm.requestTimerFired()) {
            io.write(new StanzaWriteInfo(SmElements.request(), false));
        }
        return null;
    }

    /**
     * Moves the output onto {@code to} after a resumption the caller checked: the acknowledged stanzas were
     * dropped; {@code <resumed/>} and then every stanza still unacknowledged go out on {@code to}, in order, before
     * anything new. Returns the connection written to before.
     */
    IoSession resumeOnto(IoSession to) {
        IoSession previous = io;
        io = to;
        sm.attach();
        unsent.clear();
        streamHeaderWritten = true; // the new connection's stream is open
        startTlsAfterNextWrite = false;
        io.write(new StanzaWriteInfo(SmElements.resumed(sm.resumeId(), sm.handled()), false));
        for (UnackedQueue.Entry<Stanza> entry : sm.pending()) {
            io.write(new StanzaWriteInfo(entry.stanza(), false));
        }
        requestAckIfDue();
        return previous;
    }

    /** The TLS session, once the handshake finished (MINA records it before passing decrypted data up). */
    Optional<SSLSession> tlsSession() {
        return Optional.ofNullable((SSLSession) io.getAttribute(SslFilter.SSL_SECURED));
    }

    private static boolean isSaslSuccess(Stanza stanza) {
        return "success".equals(stanza.getName())
                && NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_SASL.equals(stanza.getNamespaceURI());
    }

    private void addTlsFilter() {
        startTlsAfterNextWrite = false;
        // writes already queued (the <proceed/>) are below the filter chain and leave in clear
        tls.install(io, session, false);
        // RFC 6120 §5.4.3.3: the first decrypted bytes start a new stream (reads are still paused here)
        XmlStreamDecoder.expectRestart(io, false);
        ReadGate.release(io, ReadGate.Reason.STARTTLS);
    }
}
