package org.parley.presence.vysper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
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
import org.parley.offline.OfflineQuota;
import org.parley.offline.OfflineStore;
import org.parley.presence.DeliveryRules;
import org.parley.presence.PresenceRegistry;
import org.parley.storage.StorageException;
import org.parley.subscription.SubscriptionEvent;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.UserLanes;
import org.parley.xmpp.vysper.ErrorReplies;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.StanzaXml;
import org.parley.xmpp.vysper.UserResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one delivery path for stanzas to local users (RFC 6121 §8.5, {@link DeliveryRules}): every message, presence
 * and IQ for a local account runs on that account's lane ({@link UserLanes}), so what one user receives keeps its
 * order, including the messages flushed from offline storage at sign-on. Stanzas for a component's subdomain (such
 * as {@code proxy.<domain>}) go to that component; stanzas for other domains are bounced (no federation). Also
 * serves as Vysper's internal relay, so stanzas Vysper's own modules relay obey the same rules.
 */
public final class StanzaRouter implements StanzaRelay {

    private static final Logger LOG = LoggerFactory.getLogger(StanzaRouter.class);

    /** Session attribute set when a session has ended but Vysper has not unbound its resource yet. */
    static final String SESSION_ENDED = "parley.session.ended";

    private final String domain;
    private final PresenceRegistry<Stanza> presence;
    private final Predicate<BareJid> accountExists;
    private final OfflineStore offline;
    private final OfflineQuota quota;
    private final UserLanes lanes;
    private final Clock clock;
    private volatile ResourceRegistry resources;
    private volatile ServerRuntimeContext runtime;

    /**
     * A router; usable once {@link #attach} has given it Vysper's runtime.
     *
     * @param accountExists whether a bare JID of this domain is an account (read only when the user has no session)
     */
    public StanzaRouter(String domain, PresenceRegistry<Stanza> presence, Predicate<BareJid> accountExists,
            OfflineStore offline, OfflineQuota quota, UserLanes lanes, Clock clock) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.accountExists = Objects.requireNonNull(accountExists, "accountExists");
        this.offline = Objects.requireNonNull(offline, "offline");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void attach(ServerRuntimeContext runtime) {
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
        onLane(user, () -> deliverLocal(user, to.getResource(), stanza));
    }

    /** Writes {@code stanza} to one resource of {@code user}, on the user's lane, if it is still connected. */
    public void deliverTo(BareJid user, String resource, Stanza stanza) {
        onLane(user, () -> write(user, resource, stanza));
    }

    /**
     * Runs {@code task} on {@code user}'s lane, after everything queued for the user so far. A lane that stays full
     * (a lane waiting on another for 5 s, or shutdown) refuses the task: it is dropped and logged, the one place
     * where a delivery can be lost (architecture.md, "Back-pressure").
     *
     * @return whether the lane took the task
     */
    public boolean onLane(BareJid user, Runnable task) {
        try {
            lanes.execute(user, task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.warn("delivery lane of {} refused a stanza: {}", user, e.getMessage());
            return false;
        }
    }

    /**
     * Runs {@code then} after everything queued so far on each of {@code users}' lanes has run: it hops from lane
     * to lane (in the given order) and runs on the last one.
     */
    public void afterLanes(List<BareJid> users, Runnable then) {
        if (users.isEmpty()) {
            then.run();
            return;
        }
        List<BareJid> rest = users.subList(1, users.size());
        if (!onLane(users.get(0), () -> afterLanes(rest, then))) {
            afterLanes(rest, then); // a refusing lane must not swallow the continuation (an IQ result)
        }
    }

    /** Returns a {@code service-unavailable} (or other) error to the stanza's sender; never for an error. */
    public void bounce(Stanza stanza, StanzaErrorCondition condition) {
        XMPPCoreStanza core = XMPPCoreStanza.getWrapper(stanza);
        if (core == null || "error".equals(core.getType()) || stanza.getFrom() == null) {
            return; // RFC 6120 §8.3.1: an error is never answered with an error
        }
        route(error(core, condition));
    }

    /** The error reply to a stanza, {@code type='cancel'}: see {@link ErrorReplies}. */
    private static Stanza error(XMPPCoreStanza original, StanzaErrorCondition condition) {
        return ErrorReplies.of(original, "cancel", condition, null);
    }

    private void deliverLocal(BareJid user, String resource, Stanza stanza) {
        try {
            List<DeliveryRules.Target> targets = targets(user);
            boolean exists = !targets.isEmpty() || accountExists.test(user);
            DeliveryRules.Decision decision = DeliveryRules.route(kind(stanza), stanza.getAttributeValue("type"),
                    exists, resource, targets);
            if (decision instanceof DeliveryRules.Deliver deliver) {
                boolean written = false;
                for (String r : deliver.resources()) {
                    written |= write(user, r, stanza);
                }
                if (written || resource == null || !deliver.resources().equals(List.of(resource))) {
                    return;
                }
                // the addressed session closed while this waited: route as if the resource were gone (§8.5.3.2)
                List<DeliveryRules.Target> others = targets.stream().filter(t -> !t.name().equals(resource)).toList();
                decision = DeliveryRules.route(kind(stanza), stanza.getAttributeValue("type"), true, resource, others);
                if (decision instanceof DeliveryRules.Deliver again) {
                    again.resources().forEach(r -> write(user, r, stanza));
                    return;
                }
            }
            if (decision instanceof DeliveryRules.Offline) {
                store(user, stanza);
            } else if (decision instanceof DeliveryRules.Bounce || decision instanceof DeliveryRules.ServerAnswers) {
                bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE);
            }
        } catch (StorageException e) {
            LOG.error("delivery of a <{}> to {} failed", stanza.getName(), user, e);
            bounce(stanza, StanzaErrorCondition.INTERNAL_SERVER_ERROR);
        }
    }

    /** XEP-0160: keep the message for the user's next sign-on, or bounce it when the quota is used up. */
    private void store(BareJid user, Stanza stanza) {
        Entity from = stanza.getFrom();
        String sender = from == null ? domain : from.getFullQualifiedName();
        OfflineStore.StoreResult result = offline.store(user, sender, StanzaXml.render(stanza), clock.instant(),
                quota);
        if (result instanceof OfflineStore.OverQuota) {
            LOG.info("offline queue of {} is full; message from {} returned", user, sender);
            bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
    }

    /** The user's connected resources with their availability and priority. */
    List<DeliveryRules.Target> targets(BareJid user) {
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
            if (session == null || session.getAttribute(SESSION_ENDED) != null) {
                continue; // ending: its unavailable presence is on its way
            }
            Integer priority = available.get(resource);
            targets.add(new DeliveryRules.Target(resource, priority != null, priority == null ? 0 : priority));
        }
        return targets;
    }

    /** Writes to the resource's session; false when it is gone or closing (its stanza cannot arrive). */
    private boolean write(BareJid user, String resource, Stanza stanza) {
        SessionContext session = UserResources.session(resources, Jids.entity(user), resource);
        if (session == null || session.getState() != SessionState.AUTHENTICATED
                || session.getAttribute(SESSION_ENDED) != null || session.getInitiatingEntity() == null || !user.equals(Jids.bare(session.getInitiatingEntity()))) {
            return false;
        }
        session.getResponseWriter().write(stanza);
        return true;
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
