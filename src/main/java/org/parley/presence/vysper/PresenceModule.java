package org.parley.presence.vysper;

import java.time.Clock;
import org.apache.vysper.xmpp.modules.DefaultModule;
import org.apache.vysper.xmpp.protocol.HandlerDictionary;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.routing.PresenceRegistry;
import org.parley.presence.PresenceStore;
import org.parley.presence.SubscriptionService;
import org.parley.roster.RemovalPresences;
import org.parley.roster.vysper.RosterPusher;
import org.parley.routing.vysper.RoutingHooks;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.StanzaXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parley.routing.vysper.StanzaRouter;

/**
 * Presence, subscriptions and message routing (RFC 6121 §3, §4, §8) as a Vysper module. Its dictionary is not
 * registered like other modules' but placed ahead of Vysper's core dictionaries ({@link #leadingDictionary()}), and
 * its router is Vysper's internal relay ({@link #router()}), so every stanza to a local user takes Parley's path.
 */
public final class PresenceModule extends DefaultModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceModule.class);

    /** What the module needs; built by the composition root. */
    public record Parts(String domain, PresenceRegistry<Stanza> registry, PresenceStore store,
            org.parley.roster.RosterStore rosters, org.parley.subscription.SubscriptionRequestStore requests,
            SubscriptionService subscriptions, RosterPusher pusher,
            java.util.function.Predicate<BareJid> accountExists, RoutingHooks hooks, Clock clock) {}

    private final Parts parts;
    private final StanzaRouter router;
    private final SignOn signOn;
    private final SubscriptionEffects subscriptionEffects;
    private final CoreStanzaDictionary dictionary;
    private final BareJidIqDictionary bareJidIqs;

    /** The module over {@code parts}. */
    public PresenceModule(Parts parts) {
        this.parts = parts;
        this.router = new StanzaRouter(parts.domain(), parts.registry(), parts.accountExists(), parts.hooks());
        this.signOn = new SignOn(parts.requests(), router);
        PresenceBroadcaster broadcaster = new PresenceBroadcaster(parts.domain(), parts.registry(), parts.store(),
                parts.rosters(), router, signOn, parts.hooks(), parts.clock());
        this.subscriptionEffects = new SubscriptionEffects(parts.subscriptions(), parts.registry(), parts.pusher(),
                router, parts.clock());
        RoutingHandler iqs = new RoutingHandler("iq", router);
        this.dictionary = new CoreStanzaDictionary(new PresenceHandler(broadcaster, subscriptionEffects),
                new RoutingHandler("message", router), iqs, parts.domain(),
                // an available user exists: no database read for the IQs clients send to their contacts
                jid -> parts.registry().isAvailable(jid) || parts.accountExists().test(jid));
        this.bareJidIqs = new BareJidIqDictionary(iqs);
    }

    @Override
    public String getName() {
        return "Parley presence and routing (RFC 6121)";
    }

    @Override
    public String getVersion() {
        return "1";
    }

    @Override
    public void initialize(ServerRuntimeContext runtime) {
        router.attach(runtime);
    }

    /** The dictionary that must come before Vysper's core dictionaries. */
    public HandlerDictionary leadingDictionary() {
        return dictionary;
    }

    /** The dictionary that must come after every module's: IQs to a bare JID that nothing else serves. */
    public HandlerDictionary trailingDictionary() {
        return bareJidIqs;
    }

    /**
     * Vysper's internal relay: local delivery by RFC 6121 §8.5; also a feature's writes to one resource through the
     * hooks ({@link StanzaRouter#deliverTo}).
     */
    public StanzaRouter router() {
        return router;
    }

    /** The router's write past the hooks, for a listener's own writes (the offline flush). */
    public org.parley.routing.vysper.SessionWriter directWriter() {
        return router::writeDirect;
    }

    /** Where a closed session's unwritten messages go: routed again, as if that session had never been there. */
    public org.parley.xmpp.vysper.RecipientSession.Undelivered undelivered() {
        return router;
    }

    /** What the roster module calls after a removal (RFC 6121 §2.5.2). */
    public RemovalPresences removalPresences() {
        return subscriptionEffects;
    }

    /**
     * At shutdown, after every session is closed: records the users still online as offline now, so their last
     * presence is known (Vysper sends no unavailable presence for a server shutdown).
     */
    @Override
    public void close() {
        java.time.Instant now = parts.clock().instant();
        for (BareJid user : parts.registry().availableUsers()) {
            for (PresenceRegistry.ResourcePresence<Stanza> resource : parts.registry().resources(user)) {
                var full = Jids.full(user, resource.resource());
                try {
                    parts.store().offline(user, resource.resource(),
                            StanzaXml.render(Presences.generated(full, full, "unavailable")), now);
                } catch (RuntimeException e) {
                    // best effort at shutdown (a StorageException, typically): the next start clears the online list
                    LOG.warn("could not record {} as offline at shutdown", full, e);
                }
                parts.registry().unavailable(user, resource.resource());
            }
        }
    }
}
