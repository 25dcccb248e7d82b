package org.parley.pep.vysper;

import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainer;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.protocol.StanzaHandler;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.xmpp.vysper.FixedHandlerDictionary;
import org.parley.xmpp.vysper.ServerResponseHandler;
import org.parley.xmpp.vysper.Jids;

/**
 * Catches a client's answer to the server's own capability query ({@link CapsTracker}). Parley's intake drops IQ
 * responses to the server unless a {@link ServerResponseHandler} claims them; this dictionary goes ahead of Vysper's
 * and matches only the ids the tracker is waiting for, so every other stanza passes by.
 */
final class CapsAnswerDictionary extends FixedHandlerDictionary {

    private final CapsTracker tracker;
    private final StanzaHandler handler = new Handler();

    CapsAnswerDictionary(CapsTracker tracker) {
        this.tracker = tracker;
    }


    @Override
    public StanzaHandler get(Stanza stanza) {
        if (!"iq".equals(stanza.getName())) {
            return null;
        }
        String type = stanza.getAttributeValue("type");
        if (!"result".equals(type) && !"error".equals(type) || !tracker.isAnswer(stanza)) {
            return null;
        }
        Entity to;
        try {
            to = stanza.getTo();
        } catch (RuntimeException e) {
            return null;
        }
        return to == null || !to.isNodeSet() ? handler : null;
    }

    private final class Handler implements ServerResponseHandler {
        @Override
        public String getName() {
            return "iq";
        }

        @Override
        public boolean verify(Stanza stanza) {
            return true;
        }

        @Override
        public boolean isSessionRequired() {
            return true;
        }

        @Override
        public ResponseStanzaContainer execute(Stanza stanza, ServerRuntimeContext runtime, boolean isOutboundStanza,
                SessionContext session, SessionStateHolder state) {
            Entity initiating = session.getInitiatingEntity();
            String resource = runtime.getResourceRegistry().getUniqueResourceForSession(session);
            if (initiating != null && resource != null) {
                // the sender is the session's own resource, whatever 'from' the client wrote
                tracker.answer(stanza, Jids.full(Jids.bare(initiating), resource));
            }
            return null; // a response is never answered (RFC 6120 §8.2.3)
        }
    }
}
