package org.parley.account.vysper;

import org.apache.vysper.xmpp.modules.core.sasl.handler.AbstractSASLHandler;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainer;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainerImpl;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.account.SaslExchange;
import org.parley.account.SaslFailure;
import org.parley.xmpp.vysper.SaslThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <response/>} (RFC 6120 §6.4.3): continues the session's SASL exchange. Vysper 0.7 handles only
 * {@code <auth/>}, so a multi-step mechanism had no way to go on. Extends Vysper's SASL handler base because its
 * protocol worker lets only that type through before authentication, and the base also refuses it on a stream
 * without TLS.
 */
final class SaslResponseHandler extends AbstractSASLHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SaslResponseHandler.class);

    private final SaslThrottle throttle;

    SaslResponseHandler(SaslThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public String getName() {
        return "response";
    }

    @Override
    public boolean isSessionRequired() {
        return true;
    }

    @Override
    protected ResponseStanzaContainer executeWorker(Stanza stanza, SessionContext session,
            SessionStateHolder state) {
        SaslExchange exchange = SaslStanzas.current(session);
        if (exchange == null) {
            // RFC 6120 §6.4.3: a response with no exchange in progress
            return new ResponseStanzaContainerImpl(SaslStanzas.failure(SaslFailure.MALFORMED_REQUEST));
        }
        Stanza answer = SaslStanzas.step(exchange, stanza, session, state, throttle);
        if (answer == null) {
            return null; // a failure the throttle sends after its back-off
        }
        if ("failure".equals(answer.getName())) {
            // the attempt was already counted against the retry budget when it started
            LOG.info("SASL authentication failed in session {}", session.getSessionId());
        }
        return new ResponseStanzaContainerImpl(answer);
    }
}
