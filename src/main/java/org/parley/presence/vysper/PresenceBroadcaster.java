package org.parley.presence.vysper;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.routing.PresenceRegistry;
import org.parley.presence.PresenceStore;
import org.parley.roster.RosterItem;
import org.parley.routing.vysper.RoutingHooks;
import org.parley.roster.RosterStore;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.StanzaXml;
import org.parley.routing.vysper.StanzaRouter;

/**
 * Presence broadcast and its companions, RFC 6121 §4.2–§4.6: initial and subsequent presence to contacts with a
 * subscription "from" or "both" and to the user's own resources, probes answered on the contacts' behalf (all users
 * are local), directed presence and its cleanup, and the unavailable broadcast at sign-off and at every other end
 * of a session.
 */
final class PresenceBroadcaster {

    private final String domain;
    private final PresenceRegistry<Stanza> registry;
    private final PresenceStore store;
    private final RosterStore rosters;
    private final StanzaRouter router;
    private final SignOn signOn;
    private final RoutingHooks hooks;
    private final Clock clock;

    PresenceBroadcaster(String domain, PresenceRegistry<Stanza> registry, PresenceStore store, RosterStore rosters,
            StanzaRouter router, SignOn signOn, RoutingHooks hooks, Clock clock) {
        this.domain = domain;
        this.registry = registry;
        this.store = store;
        this.rosters = rosters;
        this.router = router;
        this.signOn = signOn;
        this.hooks = hooks;
        this.clock = clock;
    }

    /** §4.2 initial and §4.4 subsequent available presence from {@code resource}, without 'to'. */
    void available(BareJid user, String resource, Stanza presence, int priority) {
        // the hooks hear of an initial presence before anyone can route to the resource (offline storage asks for
        // its flush then), and of every available presence after its broadcast, even a failed one
        boolean[] owed = registry.resource(user, resource).isEmpty()
                ? hooks.beforeAvailable(user, resource, priority)
                : null;
        try {
            broadcastAvailable(user, resource, presence, priority);
        } finally {
            hooks.available(user, resource, presence, owed);
        }
    }

    private void broadcastAvailable(BareJid user, String resource, Stanza presence, int priority) {
        Entity full = Jids.full(user, resource);
        Stanza out = Presences.addressed(presence, full, null);
        boolean initial = registry.available(user, resource, priority, out);
        Set<BareJid> probed = new HashSet<>();
        for (RosterItem item : rosters.roster(user).items()) {
            if (item.subscription().contactReceivesUserPresence()) {
                router.route(Presences.to(out, Jids.entity(item.contact())));
            }
            if (initial && item.subscription().userReceivesContactPresence()) {
                probed.add(item.contact());
            }
        }
        // §4.2.2 / §4.4.2: the user's own available resources see it too, the sending one included
        for (PresenceRegistry.ResourcePresence<Stanza> own : registry.resources(user)) {
            router.deliverTo(user, own.resource(), Presences.to(out, Jids.full(user, own.resource())));
        }
        if (!initial) {
            return;
        }
        store.online(user, resource, clock.instant());
        // §4.2.2: probe the contacts the user is subscribed to; all are local, so answer on their behalf (§4.3.2)
        for (BareJid contact : probed) {
            answerProbe(contact, user, resource);
        }
        // the new resource learns of the user's other available resources
        for (PresenceRegistry.ResourcePresence<Stanza> own : registry.resources(user)) {
            if (!own.resource().equals(resource)) {
                router.deliverTo(user, resource, Presences.to(own.presence(), full));
            }
        }
        signOn.pendingRequests(user, resource);
    }

    /**
     * §4.3.2: the contact's server answers a probe from {@code user}: the last presence of each of the contact's
     * available resources, or, if it has none, its last unavailable presence with a XEP-0203 delay stamp.
     */
    void answerProbe(BareJid contact, BareJid user, String resource) {
        if (!contact.domain().equals(domain)) {
            return; // no federation: nothing to ask
        }
        Entity to = Jids.full(user, resource);
        var available = registry.resources(contact);
        if (!available.isEmpty()) {
            for (PresenceRegistry.ResourcePresence<Stanza> r : available) {
                router.deliverTo(user, resource, Presences.to(r.presence(), to));
            }
            return;
        }
        Optional<PresenceStore.LastPresence> last = store.last(contact);
        last.ifPresent(l -> {
            Stanza unavailable = Presences.to(StanzaXml.parse(l.stanza()), to);
            router.deliverTo(user, resource, Presences.delayed(unavailable, domain, l.at()));
        });
    }

    /** A probe a client sent (§4.3): answered only if {@code contact} lets {@code user} see its presence. */
    void probe(BareJid user, String resource, BareJid contact) {
        boolean allowed = rosters.item(contact, user)
                .map(item -> item.subscription().contactReceivesUserPresence()).orElse(false);
        if (allowed) {
            answerProbe(contact, user, resource);
        }
    }

    /** The session of {@code resource} ended: its unavailable presence goes out, then the listeners forget it. */
    void ended(BareJid user, String resource) {
        try {
            unavailable(user, resource, null);
        } finally {
            hooks.resourceEnded(user, resource);
        }
    }

    /**
     * §4.5 unavailable presence from {@code resource} (sent, or at the end of its session): broadcast to the
     * contacts and own resources that had its presence and to every entity it sent directed presence to (§4.6.3),
     * then remembered as the user's last presence when it was the last available resource.
     *
     * @param presence the client's unavailable stanza, or null at the end of a session: a plain one is generated
     */
    void unavailable(BareJid user, String resource, Stanza presence) {
        Optional<PresenceRegistry.ResourcePresence<Stanza>> before = registry.unavailable(user, resource);
        hooks.unavailable(user, resource);
        if (before.isEmpty()) {
            return; // it was not available: nobody has its presence (§4.5.2 needs no broadcast)
        }
        Entity full = Jids.full(user, resource);
        Stanza out = presence == null
                ? Presences.generated(full, full, "unavailable")
                : Presences.addressed(presence, full, null);
        Set<String> sent = new HashSet<>();
        for (RosterItem item : rosters.roster(user).items()) {
            if (item.subscription().contactReceivesUserPresence()) {
                router.route(Presences.to(out, Jids.entity(item.contact())));
                sent.add(item.contact().toString());
            }
        }
        for (PresenceRegistry.ResourcePresence<Stanza> own : registry.resources(user)) {
            router.deliverTo(user, own.resource(), Presences.to(out, Jids.full(user, own.resource())));
        }
        for (String target : before.get().directedTo()) {
            Entity entity = EntityImpl.parseUnchecked(target);
            if (!sent.contains(entity.getBareJID().getFullQualifiedName())) {
                router.route(Presences.to(out, entity));
            }
        }
        store.offline(user, resource, StanzaXml.render(Presences.addressed(out, full, null)), clock.instant());
    }

    /** §4.6 directed presence: routed as it is; an available one is remembered for the cleanup of §4.6.3. */
    void directed(BareJid user, String resource, Stanza presence, Entity to, String type) {
        router.route(Presences.addressed(presence, Jids.full(user, resource), to));
        if (type == null) {
            boolean subscriber = Jids.user(to).flatMap(contact -> rosters.item(user, contact))
                    .map(item -> item.subscription().contactReceivesUserPresence()).orElse(false);
            if (!subscriber) {
                registry.addDirected(user, resource, to.getFullQualifiedName());
            }
        } else if ("unavailable".equals(type)) {
            registry.removeDirected(user, resource, to.getFullQualifiedName());
        }
    }
}
