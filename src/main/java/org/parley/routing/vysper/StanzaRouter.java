package org.parley.routing.vysper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.delivery.StanzaRelay;
import org.apache.vysper.xmpp.delivery.failure.DeliveryException;
import org.apache.vysper.xmpp.delivery.failure.DeliveryFailureStrategy;
import org.apache.vysper.xmpp.protocol.StanzaProcessor;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.server.SessionState;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.MessageStanza;
import org.apache.vysper.xmpp.stanza.PresenceStanza;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.apache.vysper.xmpp.stanza.XMPPCoreStanza;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceRegistry;
import org.parley.routing.DeliveryRules;
import org.parley.routing.PresenceRegistry;
import org.parley.subscription.SubscriptionEvent;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.ErrorReplies;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.RecipientSession;
import org.parley.xmpp.vysper.UserResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one delivery path for stanzas to local users (RFC 6121 §8.5, {@link DeliveryRules}), run on the caller's
 * thread: the processing thread of the session whose stanza caused the delivery writes straight into the recipient's
 * session (ADR 0016). When a call returns, the stanza is in a recipient session's write queue, stored offline
 * (committed), bounced, or dropped as §8.5 prescribes; so when the server answers a client's later stanza, everything
 * that client sent before has been dealt with, durably.
 *
 * <p>Order: one sender's stanzas to one recipient go out in the sender's processing order, because each delivery is
 * complete before the sender's next stanza is processed. Stored messages come before live ones: while a user's offline
 * queue is being flushed, messages for the resource it drains to are stored behind it (the offline module's hook).
 * Stanzas for a component's subdomain (such as {@code proxy.<domain>}) go to that component; stanzas for other
 * domains are bounced (no federation). Also serves as Vysper's internal relay, so stanzas Vysper's own modules relay
 * obey the same rules, and takes back the messages a closed session never wrote.
 */
public final class StanzaRouter implements StanzaRelay, RecipientSession.Undelivered {

    private static final Logger LOG = LoggerFactory.getLogger(StanzaRouter.class);

    private final String domain;
    private final PresenceRegistry<Stanza> presence;
    private final Predicate<BareJid> accountExists;
    private final RoutingHooks hooks;
    private volatile ResourceRegistry resources;
    private volatile ServerRuntimeContext runtime;

    /**
     * A router; usable once {@link #attach} has given it Vysper's runtime.
     *
     * @param accountExists whether a bare JID of this domain is an account (read only when the user has no session)
     */
    public StanzaRouter(String domain, PresenceRegistry<Stanza> presence, Predicate<BareJid> accountExists,
            RoutingHooks hooks) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.accountExists = Objects.requireNonNull(accountExists, "accountExists");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
    }

    /** Gives the router Vysper's runtime (resource registry, components), once it exists. */
    public void attach(ServerRuntimeContext runtime) {
        this.resources = runtime.getResourceRegistry();
        this.runtime = runtime;
    }

    /** Vysper's entry: a stanza one of its modules relays. */
    @Override
    public void relay(Entity receiver, Stanza stanza, DeliveryFailureStrategy failureStrategy)
            throws DeliveryException {
        route(receiver, stanza);
    }

    /** Routes a stanza whose {@code from} is already stamped, to its {@code to}. */
    public void route(Stanza stanza) {
        route(stanza.getTo(), stanza);
    }

    private void route(Entity to, Stanza stanza) {
        if (to == null) {
            LOG.debug("dropped a <{}> without an address", stanza.getName());
            return;
        }
        if (!to.getDomain().equals(domain)) {
            // a component registered with Vysper (a module implementing Component) serves its subdomain itself
            StanzaProcessor component = runtime == null ? null : runtime.getComponentStanzaProcessor(to);
            if (component != null) {
                component.processStanza(runtime, null, stanza, null);
            } else {
                toOtherDomain(to, stanza);
            }
            return;
        }
        if (!to.isNodeSet()) {
            LOG.debug("dropped a <{}> to the server's own address", stanza.getName());
            return;
        }
        BareJid user;
        try {
            user = Jids.bare(to);
        } catch (IllegalArgumentException e) {
            bounce(stanza, StanzaErrorCondition.JID_MALFORMED);
            return;
        }
        deliverLocal(user, to.getResource(), stanza);
    }

    /**
     * Writes {@code stanza} to one resource of {@code user} if its session can still take it (presence the server
     * generates for that resource, roster pushes): no §8.5 fallback.
     *
     * @return whether it is in that session's write queue
     */
    public boolean deliverTo(BareJid user, String resource, Stanza stanza) {
        return writeHooked(user, resource, stanza);
    }

    /**
     * Writes past the hooks: for a listener's own writes (the offline flush), which must not meet itself.
     *
     * @return whether it is in that session's write queue
     */
    public boolean writeDirect(BareJid user, String resource, Stanza stanza) {
        return write(user, resource, stanza, false);
    }

    /**
     * A session closed with messages it never wrote (its client vanished or stopped reading): each is routed again
     * by its address, as if that session had never been there; the session itself can no longer receive.
     */
    @Override
    public void reroute(SessionContext session, List<Stanza> stanzas) {
        hooks.sessionEnded(session, stanzas);
        for (Stanza stanza : stanzas) {
            route(stanza);
        }
    }

    /** Returns a {@code service-unavailable} (or other) error to the stanza's sender; never for an error. */
    public void bounce(Stanza stanza, StanzaErrorCondition condition) {
        XMPPCoreStanza core = XMPPCoreStanza.getWrapper(stanza);
        if (core == null || "error".equals(core.getType()) || stanza.getFrom() == null) {
            return; // RFC 6120 §8.3.1: an error is never answered with an error
        }
        Stanza error = error(core, condition);
        hooks.bounced(stanza, error);
        route(error);
    }

    /** The error reply to a stanza, {@code type='cancel'}: see {@link ErrorReplies}. */
    private static Stanza error(XMPPCoreStanza original, StanzaErrorCondition condition) {
        return ErrorReplies.of(original, "cancel", condition, null);
    }

    private void deliverLocal(BareJid user, String resource, Stanza original) {
        DeliveryRules.Kind kind = kind(original);
        String type = original.getAttributeValue("type");
        Set<String> refused = new HashSet<>();
        Stanza stanza = original;
        try {
            stanza = hooks.routing(user, resource, original);
            if (stanza == null) {
                return; // a listener took it
            }
            while (true) {
                List<DeliveryRules.Target> targets = targets(user, refused);
                boolean exists = !targets.isEmpty() || accountExists.test(user);
                DeliveryRules.Decision decision = DeliveryRules.route(kind, type, exists, resource, targets);
                if (decision instanceof DeliveryRules.Deliver deliver) {
                    List<String> written = new ArrayList<>(deliver.resources().size());
                    for (String r : deliver.resources()) {
                        if (writeHooked(user, r, stanza)) {
                            written.add(r);
                        } else {
                            refused.add(r);
                        }
                    }
                    if (!written.isEmpty()) {
                        hooks.routed(user, resource, stanza, written);
                        return;
                    }
                    // every chosen session was ending: decide again without them (§8.5.3.2 when it was the addressed one)
                    continue;
                }
                if (decision instanceof DeliveryRules.Offline) {
                    storeOrBounce(user, stanza);
                } else if (decision instanceof DeliveryRules.Bounce || decision instanceof DeliveryRules.ServerAnswers) {
                    bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE);
                }
                return;
            }
        } catch (RuntimeException e) {
            // a StorageException from offline storage, typically: the sender must learn it was not kept
            LOG.error("delivery of a <{}> to {} failed", stanza.getName(), user, e);
            bounce(stanza, StanzaErrorCondition.INTERNAL_SERVER_ERROR);
        }
    }

    /**
     * RFC 6121 §8.5.2.2.1: a message nobody can take now is offered to the listeners (offline storage, XEP-0160);
     * if none keeps it, or the user's quota is used up, the sender gets {@code service-unavailable}.
     */
    private void storeOrBounce(BareJid user, Stanza stanza) {
        if (hooks.undeliverable(user, stanza) != RoutingListener.Undeliverable.STORED) {
            bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
    }

    /**
     * Writes through the hooks: a listener may change the stanza, or hold it back (it then counts as delivered: the
     * listener answers for it).
     */
    private boolean writeHooked(BareJid user, String resource, Stanza stanza) {
        Stanza out = hooks.beforeDelivery(user, resource, stanza);
        if (out == null) {
            return true;
        }
        if (!write(user, resource, out)) {
            return false;
        }
        hooks.delivered(user, resource, out);
        return true;
    }

    /** The user's connected resources that can still receive, with their availability and priority. */
    List<DeliveryRules.Target> targets(BareJid user, Set<String> excluded) {
        List<String> bound = resources.getBoundResources(Jids.entity(user), true);
        if (bound.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> available = presence.resources(user).stream().collect(
                Collectors.toMap(PresenceRegistry.ResourcePresence::resource,
                        PresenceRegistry.ResourcePresence::priority));
        List<DeliveryRules.Target> targets = new ArrayList<>(bound.size());
        for (String resource : bound) {
            SessionContext session = UserResources.session(resources, Jids.entity(user), resource);
            if (session == null || excluded.contains(resource) || !RecipientSession.canReceive(session)) {
                continue; // ending: its unavailable presence is on its way
            }
            Integer priority = available.get(resource);
            targets.add(new DeliveryRules.Target(resource, priority != null, priority == null ? 0 : priority));
        }
        return targets;
    }

    /** Writes to the resource's session; false when it is gone or closing (its stanza cannot arrive). */
    private boolean write(BareJid user, String resource, Stanza stanza) {
        return write(user, resource, stanza, true);
    }

    /** {@code bounded} false: past the session's output bound (see {@link #writeDirect}). */
    private boolean write(BareJid user, String resource, Stanza stanza, boolean bounded) {
        SessionContext session = UserResources.session(resources, Jids.entity(user), resource);
        if (session == null || session.getState() != SessionState.AUTHENTICATED
                || session.getInitiatingEntity() == null || !user.equals(Jids.bare(session.getInitiatingEntity()))) {
            return false;
        }
        return RecipientSession.deliver(session, stanza, bounded);
    }

    /**
     * Parley does not federate: a stanza for another domain is answered with {@code remote-server-not-found}
     * (RFC 6120 §8.3.3.16), except broadcast presence, which fails quietly as it would for an unreachable server.
     */
    private void toOtherDomain(Entity to, Stanza stanza) {
        boolean quiet = PresenceStanza.isOfType(stanza)
                && !SubscriptionEvent.isSubscriptionType(stanza.getAttributeValue("type"));
        if (!quiet) {
            LOG.debug("no route to {}: this server does not federate", to.getDomain());
            bounce(stanza, StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND);
        }
    }

    private static DeliveryRules.Kind kind(Stanza stanza) {
        if (MessageStanza.isOfType(stanza)) {
            return DeliveryRules.Kind.MESSAGE;
        }
        if (IQStanza.isOfType(stanza)) {
            return DeliveryRules.Kind.IQ;
        }
        return DeliveryRules.Kind.PRESENCE;
    }
}
