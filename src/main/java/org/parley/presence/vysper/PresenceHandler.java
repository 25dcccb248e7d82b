package org.parley.presence.vysper;

import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainer;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainerImpl;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.protocol.StanzaHandler;
import org.apache.vysper.xmpp.protocol.commandstanza.EndOfSessionCommandStanza;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.server.response.ServerErrorResponses;
import org.apache.vysper.xmpp.stanza.PresenceStanza;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.apache.vysper.xmpp.stanza.StanzaErrorType;
import org.apache.vysper.xmpp.stanza.XMPPCoreStanza;
import org.parley.storage.StorageException;
import org.parley.subscription.SubscriptionEvent;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code <presence/>} a client sends, and the end of every session: dispatches to subscription handling
 * (RFC 6121 §3), probes (§4.3), broadcast (§4.2, §4.4, §4.5) or directed presence (§4.6). Replaces Vysper's
 * RFC 3921-draft presence handlers, which are no longer reachable (see {@code CoreStanzaDictionary}).
 */
final class PresenceHandler implements StanzaHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceHandler.class);

    private final PresenceBroadcaster broadcaster;
    private final SubscriptionEffects subscriptions;

    PresenceHandler(PresenceBroadcaster broadcaster, SubscriptionEffects subscriptions) {
        this.broadcaster = broadcaster;
        this.subscriptions = subscriptions;
    }

    @Override
    public String getName() {
        return "presence";
    }

    @Override
    public boolean verify(Stanza stanza) {
        return PresenceStanza.isOfType(stanza);
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
        if (initiating == null || resource == null) {
            return null; // no bound resource: nothing was ever broadcast for this session
        }
        BareJid user = Jids.bare(initiating);
        try {
            if (stanza instanceof EndOfSessionCommandStanza) {
                // the end of a session, however it ended (RFC 6121 §4.6.1 cleanup; ClientSession maps stream errors).
                // Vysper closed the session's writer before calling this, so the router already treats stanzas for
                // it as for a resource that is gone (§8.5.3.2), though Vysper unbinds it only after this returns.
                broadcaster.ended(user, resource);
                return null;
            }
            return handle(stanza, user, resource);
        } catch (StorageException e) {
            LOG.error("presence of {}/{} could not be processed", user, resource, e);
            return error(stanza, StanzaErrorCondition.INTERNAL_SERVER_ERROR, StanzaErrorType.WAIT);
        }
    }

    private ResponseStanzaContainer handle(Stanza stanza, BareJid user, String resource) {
        if (XMPPCoreStanza.getWrapper(stanza) == null) {
            return null; // not in jabber:client
        }
        String type = stanza.getAttributeValue("type");
        Entity to = stanza.getTo();
        if (stanza.getAttributeValue("to") != null && to == null) {
            // RFC 6120 §8.3.3.8: not a JID; never treated as a broadcast
            return error(stanza, StanzaErrorCondition.JID_MALFORMED, StanzaErrorType.MODIFY);
        }
        if (SubscriptionEvent.isSubscriptionType(type)) {
            var contact = Jids.user(to);
            if (contact.isPresent() && !contact.get().equals(user)) {
                subscriptions.outbound(user, contact.get(), SubscriptionEvent.fromPresenceType(type), stanza);
            }
            return null;
        }
        if ("probe".equals(type)) {
            Jids.user(to).ifPresent(contact -> broadcaster.probe(user, resource, contact));
            return null;
        }
        if (type != null && !"unavailable".equals(type) && !"error".equals(type)) {
            return error(stanza, StanzaErrorCondition.BAD_REQUEST, StanzaErrorType.MODIFY);
        }
        if (to != null) {
            broadcaster.directed(user, resource, stanza, to, type);
            return null;
        }
        if (type == null) {
            Integer priority = Presences.priority(stanza);
            if (priority == null) {
                return error(stanza, StanzaErrorCondition.BAD_REQUEST, StanzaErrorType.MODIFY);
            }
            broadcaster.available(user, resource, stanza, priority);
        } else if ("unavailable".equals(type)) {
            broadcaster.unavailable(user, resource, stanza);
        }
        return null; // an error presence without 'to' has nowhere to go
    }

    private static ResponseStanzaContainer error(Stanza stanza, StanzaErrorCondition condition,
            StanzaErrorType type) {
        XMPPCoreStanza core = XMPPCoreStanza.getWrapper(stanza);
        if (core == null || "error".equals(core.getType())) {
            return null;
        }
        return new ResponseStanzaContainerImpl(ServerErrorResponses.getStanzaError(condition, core, type, null,
                null, null));
    }
}
