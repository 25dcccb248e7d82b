package org.parley.server.vysper;

import javax.net.ssl.SSLException;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteToClosedSessionException;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.protocol.StreamErrorCondition;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionState;
import org.apache.vysper.xmpp.server.SessionContext.SessionTerminationCause;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA handler for client connections. Every event except {@code sessionCreated} arrives on the connection's
 * ordered processing thread (the endpoint's {@code ExecutorFilter}), so one connection's stanzas, TLS events and
 * close are handled strictly one after another, in arrival order. One instance per listener: the STARTTLS one and the
 * direct TLS one differ only in {@code directTls}.
 */
final class ClientIoHandler implements IoHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClientIoHandler.class);
    private static final AttributeKey SESSION = new AttributeKey(ClientIoHandler.class, "session");
    private static final AttributeKey STATE = new AttributeKey(ClientIoHandler.class, "state");

    private final ServerRuntimeContext runtime;
    private final StanzaIntake intake;
    private final BackPressureFilter backPressure;
    private final TlsFilters tls;
    private final StreamFeatures features;
    private final boolean directTls;
    private final UnauthenticatedGate unauthenticated;
    private final Keepalive keepalive;
    private final LoginDeadline loginDeadline;
    private final C2sEndpoint.Output output;
    private final StreamManagement streamManagement;

    ClientIoHandler(ServerRuntimeContext runtime, StanzaIntake intake, BackPressureFilter backPressure,
            TlsFilters tls, StreamFeatures features, boolean directTls, UnauthenticatedGate unauthenticated,
            Keepalive keepalive, LoginDeadline loginDeadline, C2sEndpoint.Output output,
            StreamManagement streamManagement) {
        this.runtime = runtime;
        this.intake = intake;
        this.backPressure = backPressure;
        this.tls = tls;
        this.features = features;
        this.directTls = directTls;
        this.unauthenticated = unauthenticated;
        this.keepalive = keepalive;
        this.loginDeadline = loginDeadline;
        this.output = output;
        this.streamManagement = streamManagement;
    }

    /**
     * The session {@code io} serves; null once another connection resumed it (XEP-0198): the late events of the
     * connection it left (an error, its close) are no longer the session's business.
     */
    static ClientSession clientSession(IoSession io) {
        ClientSession session = (ClientSession) io.getAttribute(SESSION);
        return session == null || session.io() != io ? null : session;
    }

    /** {@code io} now serves {@code session} (XEP-0198 resumption): its later events go to that session. */
    static void serve(IoSession io, ClientSession session) {
        io.setAttribute(STATE, session.stateHolder());
        io.setAttribute(SESSION, session);
    }

    /** {@code io}'s session was resumed elsewhere: its remaining events concern no session. */
    static void forget(IoSession io) {
        io.removeAttribute(SESSION);
    }

    @Override
    public void sessionCreated(IoSession io) {
        SessionStateHolder state = new SessionStateHolder();
        io.setAttribute(STATE, state);
        ClientSession session = new ClientSession(runtime, state, io, tls, features, output.maxBytes(),
                output.undelivered(), streamManagement);
        io.setAttribute(SESSION, session);
        if (directTls) {
            // on the I/O thread, before MINA reads the first byte: nothing of this connection is ever read in clear
            session.startDirectTls(state);
        }
    }

    @Override
    public void sessionOpened(IoSession io) {
        LOG.debug("connection {} from {}", io.getId(), io.getRemoteAddress());
        if (!unauthenticated.admit(io)) {
            // a connection costs memory and a TLS handshake before it proves anything (docs/security.md)
            LOG.info("connection {} from {} refused: too many unauthenticated connections", io.getId(),
                    UnauthenticatedGate.address(io));
            clientSession(io).streamError(StreamErrorCondition.POLICY_VIOLATION,
                    "too many unauthenticated connections");
            return;
        }
        // the idle timeout does not end a connection that keeps sending a byte now and then; this does
        loginDeadline.start(io);
    }

    @Override
    public void messageReceived(IoSession io, Object message) {
        try {
            ClientSession session = clientSession(io);
            if (session == null) {
                return; // the session was resumed on another connection: this one is being closed
            }
            SessionStateHolder state = (SessionStateHolder) io.getAttribute(STATE);
            if (state.getState() == SessionState.ENCRYPTION_STARTED) {
                // Data after <proceed/> can only have been decrypted, so the handshake is complete. (MINA 2.2's
                // SECURED event is not used: it arrives on the I/O thread, racing this one.)
                intake.tlsEstablished(session, state);
            }
            if (message instanceof Stanza stanza) {
                if (!streamManagement.handle(io, session, stanza)) {
                    intake.process(session, stanza, state);
                    // XEP-0198 h: counted once everything the stanza caused is done (and durable: ADR 0016); only
                    // message, presence and IQ count (§4), not other top-level elements such as XEP-0352 <inactive/>
                    if (SmElements.counts(stanza)) {
                        session.locked(ClientOutput::handledOne);
                    }
                }
            } else if (message == StreamEnd.INSTANCE) {
                LOG.debug("session {}: client closed its stream", session.getSessionId());
                session.endSession(SessionTerminationCause.CLIENT_BYEBYE);
            } else if (message == InputClosedFilter.INPUT_CLOSED) {
                // half-close from the client, after everything it sent before: it will send nothing more
                if (connectionLost(io, session)) {
                    session.endSession(SessionTerminationCause.CONNECTION_ABORT);
                }
                io.closeNow();
            } else if (message instanceof StreamViolation violation) {
                // the decoder has logged it and reads no more; stanzas before it were handled first
                session.write(StreamErrors.of(violation.condition(), violation.text()));
                session.endSession(SessionTerminationCause.STREAM_ERROR);
            } else if (message == LoginDeadline.EXPIRED) {
                loginDeadline.expired(io, session);
            } else if (message == Keepalive.TIMED_OUT) {
                session.streamError(StreamErrorCondition.CONNECTION_TIMEOUT, "no answer to a ping");
            } else if (message instanceof XMLText text && text.getText().isBlank()) {
                // whitespace between stanzas, e.g. keepalives (RFC 6120 §4.6.1)
            } else {
                LOG.debug("session {}: text outside a stanza", session.getSessionId());
                session.streamError(StreamErrorCondition.XML_NOT_WELL_FORMED, "text outside of a stanza");
            }
        } finally {
            if (((SessionStateHolder) io.getAttribute(STATE)).getState() == SessionState.AUTHENTICATED) {
                unauthenticated.release(io);
            }
            backPressure.processed(io);
        }
    }

    /**
     * MINA 2.2 reports TLS events here, on the I/O thread and possibly after the first decrypted data was already
     * handed to the processing thread. The switch to the encrypted state is therefore made in
     * {@link #messageReceived} (on the connection's own thread, in order); only a TLS close is acted on here.
     */
    @Override
    public void event(IoSession io, FilterEvent event) {
        if (event == SslEvent.UNSECURED) {
            // the peer may not fall back to clear text inside an encrypted stream
            io.closeNow();
        }
    }

    @Override
    public void messageSent(IoSession io, Object message) {
        // on the I/O thread: the stanza reached the socket, so it need not be routed again if the connection drops
        ClientSession session = clientSession(io);
        if (session != null) {
            session.sent(message);
        }
    }

    @Override
    public void sessionIdle(IoSession io, IdleStatus status) {
        ClientSession session = clientSession(io);
        if (session != null) {
            keepalive.idle(io, session);
        }
    }

    @Override
    public void inputClosed(IoSession io) {
        // not reached: InputClosedFilter turns a half-close into a message handled in order (see there)
        io.closeNow();
    }

    @Override
    public void sessionClosed(IoSession io) {
        unauthenticated.release(io);
        loginDeadline.cancel(io);
        ClientSession session = clientSession(io);
        if (session != null && connectionLost(io, session)) {
            session.endSession(SessionTerminationCause.CONNECTION_ABORT);
            // after the unavailable broadcast and the unbind: the messages it never wrote go elsewhere or offline
            session.connectionClosed();
            LOG.debug("session {} closed", session.getSessionId());
        }
    }

    /**
     * The connection {@code io} is gone without {@code </stream>}: a resumable session waits for its client
     * (XEP-0198), which arms its window the first time. Returns whether the session is to end now.
     */
    private boolean connectionLost(IoSession io, ClientSession session) {
        return switch (session.connectionLost(io)) {
            case END -> true;
            case DETACHED -> {
                streamManagement.detached(session);
                yield false;
            }
            case WAITING, NOT_MINE -> false;
        };
    }

    @Override
    public void exceptionCaught(IoSession io, Throwable cause) {
        ClientSession session = clientSession(io);
        if (cause instanceof WriteToClosedSessionException || session == null) {
            return;
        }
        if (cause instanceof ProtocolDecoderException) {
            LOG.info("session {}: not well-formed XML from {}, closing: {}", session.getSessionId(),
                    io.getRemoteAddress(), cause.getMessage());
            session.streamError(StreamErrorCondition.XML_NOT_WELL_FORMED, "not well-formed XML");
        } else if (cause instanceof SSLException) {
            // e.g. a direct TLS client offering ALPN without xmpp-client; let the TLS alert leave before closing
            LOG.debug("session {}: TLS failed with {}: {}", session.getSessionId(), io.getRemoteAddress(),
                    cause.toString());
            io.closeOnFlush();
        } else if (cause instanceof java.io.IOException || cause instanceof java.nio.BufferOverflowException) {
            // (MINA 2.2's SSLHandlerG1 throws BufferOverflowException for a write after the peer closed its TLS)
            LOG.debug("session {}: I/O error: {}", session.getSessionId(), cause.toString());
            io.closeNow();
        } else {
            LOG.warn("session {}: unexpected error, closing the stream", session.getSessionId(), cause);
            session.streamError(StreamErrorCondition.UNDEFINED_CONDITION, "internal error");
        }
    }
}
