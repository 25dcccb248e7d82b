package org.parley.server.vysper;

import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.authorization.AuthorizationResponses;
import org.apache.vysper.xmpp.modules.core.sasl.SASLFailureType;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.protocol.ProtocolWorker;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.server.SessionState;
import org.parley.routing.vysper.RoutingHooks;
import org.parley.xmpp.vysper.ServerResponseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one client's stanzas to Vysper's {@link ProtocolWorker}, on the caller's thread, in order.
 *
 * <p>Vysper normally routes them through its {@code QueuedStanzaProcessor}, an unordered 10-thread pool: a SASL
 * {@code <auth>} could overtake the stream restart before it. Calling the worker directly from the connection's
 * ordered processing thread keeps RFC 6120's strict sequence. Also answers nothing to IQ responses meant for the
 * server (RFC 6120 §8.2.3: "An entity that receives an IQ request of type result or error MUST NOT respond"), which
 * Vysper answered with {@code feature-not-implemented}, e.g. a client's ack of a roster push; only a
 * {@link ServerResponseHandler} waiting for one gets it.
 */
final class StanzaIntake {

    private static final Logger LOG = LoggerFactory.getLogger(StanzaIntake.class);

    private final ServerRuntimeContext runtime;
    private static final AuthorizationResponses FAILURES = new AuthorizationResponses();

    private final ProtocolWorker worker = new ProtocolWorker();

    private final RoutingHooks hooks;

    StanzaIntake(ServerRuntimeContext runtime, RoutingHooks hooks) {
        this.runtime = runtime;
        this.hooks = hooks;
    }

    void process(SessionContext session, Stanza stanza, SessionStateHolder state) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("session {} ({}): received <{}>", session.getSessionId(), state.getState(), stanza.getName());
        }
        if (isUnknownSaslMechanism(stanza)) {
            // RFC 6120 §6.5.6: a failure the client can recover from; Vysper 0.7 threw and left the client waiting
            LOG.debug("session {}: unknown SASL mechanism {}", session.getSessionId(),
                    stanza.getAttributeValue("mechanism"));
            session.getResponseWriter().write(FAILURES.getFailure(SASLFailureType.INVALID_MECHANISM));
            return;
        }
        if (isResponseToServer(session, stanza) && !(runtime.getHandler(stanza) instanceof ServerResponseHandler)) {
            LOG.debug("session {}: consumed IQ {} to the server", session.getSessionId(), stanza.getAttributeValue("type"));
            return;
        }
        if (state.getState() == SessionState.AUTHENTICATED && hooks.received(session, stanza)) {
            return; // a feature dealt with it (the routing hooks' "a stanza arriving from a session")
        }
        worker.processStanza(runtime, session, stanza, state);
    }

    void tlsEstablished(SessionContext session, SessionStateHolder state) {
        worker.processTLSEstablished(session, state);
    }

    private boolean isUnknownSaslMechanism(Stanza stanza) {
        if (!"auth".equals(stanza.getName())
                || !NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_SASL.equals(stanza.getNamespaceURI())) {
            return false;
        }
        String requested = stanza.getAttributeValue("mechanism");
        return runtime.getServerFeatures().getAuthenticationMethods().stream()
                .noneMatch(mechanism -> mechanism.getName().equals(requested));
    }

    /**
     * An IQ result or error whose addressee is the server itself or the sender's own account (the server acts for
     * the account when it pushes the roster), so no handler may answer it.
     */
    private boolean isResponseToServer(SessionContext session, Stanza stanza) {
        if (!IQStanza.isOfType(stanza)) {
            return false;
        }
        IQStanzaType type = IQStanzaType.valueOfOrNull(stanza.getAttributeValue("type"));
        if (type != IQStanzaType.RESULT && type != IQStanzaType.ERROR) {
            return false;
        }
        Entity to = stanza.getTo();
        if (to == null) {
            return true;
        }
        if (!to.isNodeSet()) {
            return to.getDomain().equals(runtime.getServerEnitity().getDomain());
        }
        Entity self = session.getInitiatingEntity();
        return !to.isResourceSet() && self != null && to.getBareJID().equals(self.getBareJID());
    }
}
