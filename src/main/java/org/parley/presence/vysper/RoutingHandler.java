package org.parley.presence.vysper;

import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainer;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainerImpl;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.protocol.StanzaHandler;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.server.response.ServerErrorResponses;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.apache.vysper.xmpp.stanza.StanzaErrorType;
import org.apache.vysper.xmpp.stanza.XMPPCoreStanza;
import org.parley.xmpp.vysper.Jids;
import org.parley.routing.vysper.StanzaRouter;

/**
 * Messages, and IQs addressed to another entity's full JID, sent by a client: stamped with the sender's full JID
 * (RFC 6120 §8.1.2.1: the server MUST stamp 'from', whatever the client put there) and handed to
 * {@link StanzaRouter}, which applies RFC 6121 §8.5. A message without 'to' is addressed to the sender's own bare JID
 * (RFC 6120 §10.3).
 */
final class RoutingHandler implements StanzaHandler {

    private final String name;
    private final StanzaRouter router;

    RoutingHandler(String name, StanzaRouter router) {
        this.name = name;
        this.router = router;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean verify(Stanza stanza) {
        return name.equals(stanza.getName());
    }

    @Override
    public boolean isSessionRequired() {
        return true;
    }

    @Override
    public ResponseStanzaContainer execute(Stanza stanza, ServerRuntimeContext runtime, boolean isOutboundStanza,
            SessionContext session, SessionStateHolder state) {
        XMPPCoreStanza core = XMPPCoreStanza.getWrapper(stanza);
        String resource = runtime.getResourceRegistry().getUniqueResourceForSession(session);
        if (core == null || resource == null || session.getInitiatingEntity() == null) {
            return null;
        }
        if ("iq".equals(name) && (stanza.getAttributeValue("id") == null || stanza.getAttributeValue("type") == null)) {
            return new ResponseStanzaContainerImpl(ServerErrorResponses.getStanzaError(StanzaErrorCondition.BAD_REQUEST,
                    core, StanzaErrorType.MODIFY, "an IQ needs 'id' and 'type'", null, null));
        }
        if (stanza.getAttributeValue("to") != null && stanza.getTo() == null) {
            // RFC 6120 §8.3.3.8: an address that is not a JID (Vysper's parser yields null for it)
            return "error".equals(stanza.getAttributeValue("type")) ? null
                    : new ResponseStanzaContainerImpl(ServerErrorResponses.getStanzaError(
                            StanzaErrorCondition.JID_MALFORMED, core, StanzaErrorType.MODIFY, null, null, null));
        }
        Entity from = Jids.full(Jids.bare(session.getInitiatingEntity()), resource);
        Entity to = stanza.getTo() != null ? stanza.getTo() : session.getInitiatingEntity().getBareJID();
        router.route(Presences.addressed(stanza, from, to));
        return null;
    }
}
