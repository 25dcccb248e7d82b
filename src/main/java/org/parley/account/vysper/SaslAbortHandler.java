package org.parley.account.vysper;

import org.apache.vysper.xmpp.modules.core.sasl.handler.AbstractSASLHandler;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainer;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainerImpl;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.account.SaslFailure;

/**
 * {@code <abort/>} (RFC 6120 §6.4.4): drops the exchange in progress and answers {@code <failure><aborted/>}.
 * Vysper 0.7 has an abort handler but never registers it.
 */
final class SaslAbortHandler extends AbstractSASLHandler {

    @Override
    public String getName() {
        return "abort";
    }

    @Override
    public boolean isSessionRequired() {
        return true;
    }

    @Override
    protected ResponseStanzaContainer executeWorker(Stanza stanza, SessionContext session,
            SessionStateHolder state) {
        SaslStanzas.clear(session);
        return new ResponseStanzaContainerImpl(SaslStanzas.failure(SaslFailure.ABORTED));
    }
}
