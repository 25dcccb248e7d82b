package org.parley.presence.vysper;

import java.time.Clock;
import java.util.List;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.routing.PresenceRegistry;
import org.parley.presence.SubscriptionEffect;
import org.parley.presence.SubscriptionService;
import org.parley.roster.OutboundPresence;
import org.parley.roster.RemovalPresences;
import org.parley.roster.vysper.RosterPusher;
import org.parley.subscription.SubscriptionEvent;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.StanzaXml;
import org.parley.routing.vysper.StanzaRouter;

/**
 * Handles subscription stanzas (RFC 6121 §3) through {@link SubscriptionService} and carries out what it returns:
 * roster pushes, delivery of the stanza (stamped with bare JIDs, §3), automatic answers, and the presence that follows
 * an approval or a cancellation. Also sends the presences a roster removal calls for (§2.5.2).
 */
final class SubscriptionEffects implements RemovalPresences {

    private final SubscriptionService service;
    private final PresenceRegistry<Stanza> registry;
    private final RosterPusher pusher;
    private final StanzaRouter router;
    private final Clock clock;

    SubscriptionEffects(SubscriptionService service, PresenceRegistry<Stanza> registry, RosterPusher pusher,
            StanzaRouter router, Clock clock) {
        this.service = service;
        this.registry = registry;
        this.pusher = pusher;
        this.router = router;
        this.clock = clock;
    }

    /** {@code user} sent {@code stanza}, a subscription stanza of type {@code event}, to {@code contact}. */
    void outbound(BareJid user, BareJid contact, SubscriptionEvent event, Stanza stanza) {
        // §3.1.2 and others: "the user's server MUST stamp the outgoing presence stanza with the bare JID"
        Stanza stamped = Presences.addressed(stanza, Jids.entity(user), Jids.entity(contact));
        String xml = StanzaXml.render(stamped);
        // both rosters may change: their pushes are queued in commit order (RosterPusher#inCommitOrder)
        pusher.inCommitOrder(user, contact,
                () -> run(service.outbound(user, contact, event, xml, clock.instant()), stamped));
    }

    /**
     * Sends the presences a removal calls for, then runs {@code afterDelivery} (the removal's IQ result): every
     * effect is in its recipients' write queues (or stored) by then, because delivery runs on this thread.
     */
    @Override
    public void send(List<OutboundPresence> presences, Runnable afterDelivery) {
        for (OutboundPresence presence : presences) {
            pusher.inCommitOrder(presence.from(), presence.to(), () -> run(
                    service.afterRemoval(presence.from(), presence.to(), presence.type(), clock.instant()), null));
        }
        afterDelivery.run();
    }

    /** Carries out the effects, on this thread: pushes, deliveries and presences are written before it returns. */
    private Void run(List<SubscriptionEffect> effects, Stanza original) {
        for (SubscriptionEffect effect : effects) {
            if (effect instanceof SubscriptionEffect.Push push) {
                pusher.push(push.push());
            } else if (effect instanceof SubscriptionEffect.Deliver deliver) {
                router.route(deliver.original() && original != null ? original
                        : Presences.generated(Jids.entity(deliver.from()), Jids.entity(deliver.to()),
                                deliver.type().presenceType()));
            } else if (effect instanceof SubscriptionEffect.SendPresence send) {
                sendPresence(send);
            }
        }
        return null;
    }

    private void sendPresence(SubscriptionEffect.SendPresence send) {
        for (PresenceRegistry.ResourcePresence<Stanza> resource : registry.resources(send.from())) {
            Stanza stanza = send.available()
                    ? Presences.to(resource.presence(), Jids.entity(send.to()))
                    : Presences.generated(Jids.full(send.from(), resource.resource()), Jids.entity(send.to()),
                            "unavailable");
            router.route(stanza);
        }
    }
}
