package org.parley.roster.vysper;

import java.util.Optional;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainer;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainerImpl;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.apache.vysper.xmpp.stanza.StanzaErrorType;
import org.apache.vysper.xmpp.stanza.XMPPCoreStanza;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceState;
import org.parley.roster.RemovalPresences;
import org.parley.roster.RosterError;
import org.parley.roster.RosterGetResult;
import org.parley.roster.RosterItem;
import org.parley.roster.RosterPush;
import org.parley.roster.RosterService;
import org.parley.roster.RosterSetResult;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.AccountIqHandler;
import org.parley.xmpp.vysper.ErrorReplies;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.UserResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jabber:iq:roster} handler (RFC 6121 §2): parses the IQ, calls {@link RosterService} once and maps the
 * result to the reply and the roster pushes. Replaces Vysper's RFC 3921-draft, in-memory roster handler.
 */
final class RosterIqHandler extends AccountIqHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RosterIqHandler.class);

    private final RosterService roster;
    private final RosterPusher pusher;
    private final RemovalPresences removals;

    RosterIqHandler(RosterService roster, RosterPusher pusher, RemovalPresences removals) {
        super("query");
        this.roster = roster;
        this.pusher = pusher;
        this.removals = removals;
    }

    @Override
    protected ResponseStanzaContainer handle(Request request, ServerRuntimeContext runtime, SessionContext session) {
        IQStanza iq = request.iq();
        IQStanzaType type = request.type();
        BareJid sender = request.requester();
        Optional<BareJid> owner = request.account();
        if (owner.isEmpty()) {
            return reply(error(iq, StanzaErrorCondition.FORBIDDEN, StanzaErrorType.AUTH,
                    "only your own roster can be read or changed"));
        }
        Optional<RosterError> denied = RosterService.authorize(sender, owner.get());
        if (denied.isPresent()) {
            return reply(error(iq, denied.get()));
        }
        String resource = runtime.getResourceRegistry().getUniqueResourceForSession(session);
        XMLElement query = RosterStanzas.query(iq);
        try {
            return type == IQStanzaType.GET
                    ? get(iq, query, sender, resource, runtime, session)
                    : set(iq, query, sender, session);
        } catch (StorageException e) {
            LOG.error("roster {} of {} (IQ id {}) failed", type.value(), sender, iq.getID(), e);
            return reply(error(iq, StanzaErrorCondition.INTERNAL_SERVER_ERROR, StanzaErrorType.WAIT,
                    "the roster could not be stored or read; try again"));
        }
    }

    /** §2.2 roster get, with versioning (§2.6); the resource becomes an "interested resource". */
    private ResponseStanzaContainer get(IQStanza iq, XMLElement query, BareJid owner, String resource,
            ServerRuntimeContext runtime, SessionContext session) {
        String clientVer = query == null ? null : query.getAttributeValue("ver");
        RosterGetResult result = roster.get(owner, Optional.ofNullable(clientVer));
        if (resource != null) {
            Entity user = Jids.entity(owner);
            ResourceState current = UserResources.state(runtime.getResourceRegistry(), user, resource);
            UserResources.setState(runtime.getResourceRegistry(), user, resource, ResourceState.makeInterested(current));
        }
        StanzaBuilder builder = StanzaBuilder.createDirectReply(iq, false, IQStanzaType.RESULT);
        if (result instanceof RosterGetResult.FullRoster full) {
            builder.startInnerElement("query", RosterStanzas.NAMESPACE);
            if (clientVer != null) {
                builder.addAttribute("ver", full.ver()); // §2.6.3: ver only to clients that use versioning
            }
            for (RosterItem item : full.roster().items()) {
                RosterStanzas.addItem(builder, item);
            }
            builder.endInnerElement();
        } else if (result instanceof RosterGetResult.InterimPushes interim) {
            session.getResponseWriter().write(builder.build());
            for (RosterPush push : interim.pushes()) {
                pusher.pushTo(resource, push);
            }
            return null;
        }
        // UpToDate: §2.6.3 "an empty IQ-result" when the client's version is current
        return reply(builder.build());
    }

    /** §2.3–§2.5 roster set: result to the sender, then a push to every interested resource. */
    private ResponseStanzaContainer set(IQStanza iq, XMLElement query, BareJid owner, SessionContext session) {
        if (query == null) {
            return reply(error(iq, StanzaErrorCondition.BAD_REQUEST, StanzaErrorType.MODIFY, "no <query/>"));
        }
        Stanza ok = StanzaBuilder.createDirectReply(iq, false, IQStanzaType.RESULT).build();
        RosterSetResult result = pusher.inCommitOrder(owner, null, () -> {
            RosterSetResult r = roster.set(owner, RosterStanzas.setRequest(query));
            if (r instanceof RosterSetResult.Updated updated) {
                // the result first, then the pushes: the sender learns of success before the push that reports it
                session.getResponseWriter().write(ok);
                pusher.push(updated.push());
            } else if (r instanceof RosterSetResult.Removed removed) {
                pusher.push(removed.push());
            }
            return r;
        });
        if (result instanceof RosterSetResult.Rejected rejected) {
            return reply(error(iq, rejected.error()));
        }
        if (result instanceof RosterSetResult.Removed removed) {
            // §2.5.2's unsubscribe/unsubscribed reach the contact, and the push the user, before the user hears the
            // removal is done
            removals.send(removed.presences(), () -> session.getResponseWriter().write(ok));
        }
        return null;
    }

    private static Stanza error(XMPPCoreStanza iq, RosterError error) {
        StanzaErrorCondition condition = condition(error.condition().elementName());
        StanzaErrorType type = StanzaErrorType.valueOf(error.condition().type().name());
        return error(iq, condition, type, error.text());
    }

    private static StanzaErrorCondition condition(String elementName) {
        for (StanzaErrorCondition condition : StanzaErrorCondition.values()) {
            if (condition.value().equals(elementName)) {
                return condition;
            }
        }
        throw new IllegalArgumentException("no Vysper stanza error condition " + elementName);
    }

    /** From the address the client used ({@link ErrorReplies}); Vysper's helper answers from the domain. */
    private static Stanza error(XMPPCoreStanza iq, StanzaErrorCondition condition, StanzaErrorType type,
            String text) {
        return ErrorReplies.of(iq, type.value(), condition, text, null);
    }

    private static ResponseStanzaContainer reply(Stanza stanza) {
        return new ResponseStanzaContainerImpl(stanza);
    }
}
