package org.parley.offline.vysper;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.stanza.MessageStanza;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.offline.OfflineDelivery;
import org.parley.offline.OfflineFlushes;
import org.parley.offline.OfflineMessage;
import org.parley.offline.OfflineQuota;
import org.parley.offline.OfflineStore;
import org.parley.routing.vysper.Availability;
import org.parley.routing.vysper.RoutingListener;
import org.parley.routing.vysper.SessionWriter;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.StanzaXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline messages (XEP-0160) as a routing listener: it stores the messages nobody can take now
 * ({@link #undeliverable}), holds back a message for a resource whose flush is in progress so that it comes after the
 * stored ones ({@link #beforeDelivery}), asks for the flush before a resource becomes available and runs it after
 * ({@link #beforeAvailable}, {@link #available}). The flush drains the user's queue into a session on whichever
 * thread asks, one flusher per user at a time ({@link OfflineFlushes} has the argument).
 *
 * <p>A stored message is durable when {@link #store} returns (H2 commits before it returns), so a message the
 * router stored on the sender's processing thread is safe before the server answers anything that sender sent
 * later. A flushed batch is deleted only up to the last message its session took: what a closing session refused
 * stays stored, and what it took but never wrote comes back through {@code RecipientSession.Undelivered}.
 */
public final class OfflineModule implements RoutingListener {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineModule.class);
    private static final int BATCH = 100;

    private final String domain;
    private final OfflineStore offline;
    private final OfflineQuota quota;
    private final Availability presence;
    private final SessionWriter writer;
    private final Clock clock;
    private final OfflineFlushes flushes = new OfflineFlushes();

    /** The module; {@code writer} is the router's write without hooks (the flush is this module's own write). */
    public OfflineModule(String domain, OfflineStore offline, OfflineQuota quota, Availability presence,
            SessionWriter writer, Clock clock) {
        this.domain = domain;
        this.offline = offline;
        this.quota = quota;
        this.presence = presence;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public Undeliverable undeliverable(BareJid user, Stanza stanza) {
        if (!MessageStanza.isOfType(stanza)) {
            return Undeliverable.PASS;
        }
        return store(user, stanza) ? Undeliverable.STORED : Undeliverable.REFUSED;
    }

    /**
     * While the user's queue is flushed to {@code resource}, a message for it is stored behind the queue (and the
     * flush asked to run again), so it cannot overtake the stored ones.
     */
    @Override
    public Stanza beforeDelivery(BareJid user, String resource, Stanza stanza) {
        if (!MessageStanza.isOfType(stanza)
                || !flushes.inProgress(user).map(resource::equals).orElse(false)) {
            return stanza;
        }
        // over the quota it goes out live instead: late is better than refused
        return store(user, stanza) ? null : stanza;
    }

    @Override
    public boolean beforeAvailable(BareJid user, String resource, int priority) {
        // XEP-0160 §3 / RFC 6121 §8.5.2.1.1: never to a negative priority
        return priority >= 0 && flushes.request(user, resource);
    }

    @Override
    public void available(BareJid user, String resource, Stanza presence, boolean owed) {
        if (owed) {
            run(user, resource);
        }
    }

    /**
     * Stores {@code stanza} for {@code user}; if the user has a resource that takes offline messages, makes sure a
     * flush reads the queue after it.
     *
     * @return false when the user's quota is used up (the caller bounces the message)
     */
    boolean store(BareJid user, Stanza stanza) {
        Entity from = stanza.getFrom();
        String sender = from == null ? domain : from.getFullQualifiedName();
        OfflineStore.StoreResult result = offline.store(user, sender, StanzaXml.render(stanza), clock.instant(),
                quota);
        if (!(result instanceof OfflineStore.Stored)) {
            LOG.info("offline queue of {} {}; a message from {} is returned", user,
                    result instanceof OfflineStore.OverQuota ? "is full" : "is gone with its account", sender);
            return false;
        }
        // checked after the commit: a resource that became available since will be flushed to (OfflineFlushes (1))
        Optional<String> target = target(user, Set.of());
        if (target.isPresent() && flushes.request(user, target.get())) {
            run(user, target.get());
        }
        return true;
    }

    /**
     * Drains the user's queue, starting with {@code resource}; the caller became the flusher. A session that refuses
     * (it is ending) is not tried again in this run; the next resource that takes offline messages gets the rest.
     */
    void run(BareJid user, String resource) {
        Set<String> refused = new HashSet<>();
        String to = resource;
        int delivered = 0;
        try {
            do {
                if (to == null) {
                    // asked to run again with no resource of its own: the one available now, else the one that asked
                    // (a sign-on asks before its resource is available, and it is not owed a run of its own)
                    to = target(user, refused).or(() -> flushes.inProgress(user))
                            .filter(r -> !refused.contains(r)).orElse(null);
                }
                while (to != null) {
                    Drained drained = drain(user, to);
                    delivered += drained.count();
                    if (drained.complete()) {
                        break;
                    }
                    refused.add(to);
                    to = target(user, refused).orElse(null);
                }
            } while (flushes.finish(user, to));
        } catch (RuntimeException e) {
            // a failed read or delete (StorageException): what is left waits for the next sign-on
            LOG.error("offline flush of {} stopped", user, e);
            while (flushes.finish(user, null)) {
                // ends the flush in progress, however often it was asked for since
            }
        }
        if (delivered > 0) {
            LOG.debug("delivered {} offline messages to {}", delivered, user);
        }
    }

    private record Drained(int count, boolean complete) {}

    /** Writes batch after batch to one session until the queue is empty ({@code complete}) or the session refuses. */
    private Drained drain(BareJid user, String resource) {
        int count = 0;
        while (true) {
            List<OfflineMessage> batch = offline.peek(user, BATCH);
            if (batch.isEmpty()) {
                return new Drained(count, true);
            }
            long last = -1;
            for (OfflineMessage message : batch) {
                Stanza stanza = StanzaXml.parse(OfflineDelivery.withDelay(message.stanza(), domain,
                        message.receivedAt()));
                if (!writer.write(user, resource, stanza)) {
                    break;
                }
                last = message.id();
                count++;
            }
            if (last >= 0) {
                offline.delete(user, last);
            }
            if (last != batch.get(batch.size() - 1).id()) {
                return new Drained(count, false);
            }
        }
    }

    /**
     * The resource that takes offline messages now: an available one with the highest non-negative priority
     * (XEP-0160 §3, RFC 6121 §8.5.2.1.1: never a negative one).
     */
    private Optional<String> target(BareJid user, Set<String> excluded) {
        return presence.available(user).stream()
                .filter(r -> r.priority() >= 0 && !excluded.contains(r.name()))
                .max(Comparator.comparingInt(Availability.Resource::priority))
                .map(Availability.Resource::name);
    }
}
