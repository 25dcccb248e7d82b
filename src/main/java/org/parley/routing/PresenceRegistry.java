package org.parley.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.xmpp.BareJid;

/**
 * Who is online right now, with which resources, availability, priority and last presence (RFC 6121 §4): the one
 * component that owns this state (architecture.md, "shared state"). In memory only; {@link PresenceStore} keeps what
 * must outlive the process.
 *
 * <p>Each user's resources are one immutable map replaced atomically, so readers always see a consistent snapshot
 * and one user's state is changed by one thread at a time (the map's per-key compute). Thread-safe.
 *
 * @param <P> the presence stanza type (the Vysper stanza in production, anything in tests)
 */
public final class PresenceRegistry<P> {

    private final ConcurrentHashMap<BareJid, Map<String, ResourcePresence<P>>> users = new ConcurrentHashMap<>();

    /**
     * Records an available presence from {@code resource} (RFC 6121 §4.2 initial, §4.4 subsequent).
     *
     * @return whether it was initial presence: the resource was not available before
     */
    public boolean available(BareJid user, String resource, int priority, P presence) {
        Objects.requireNonNull(presence, "presence");
        AtomicReference<Boolean> initial = new AtomicReference<>(true);
        change(user, resource, old -> {
            initial.set(old == null);
            Set<String> directed = old == null ? Set.of() : old.directedTo();
            return new ResourcePresence<>(resource, priority, presence, directed);
        });
        return initial.get();
    }

    /**
     * Records that {@code resource} became unavailable but stays connected (RFC 6121 §4.5); its directed presences
     * are forgotten, as the caller sends them unavailable now (§4.6.3).
     *
     * @return the resource's state before, if it had one
     */
    public Optional<ResourcePresence<P>> unavailable(BareJid user, String resource) {
        AtomicReference<ResourcePresence<P>> before = new AtomicReference<>();
        change(user, resource, old -> {
            before.set(old);
            return null;
        });
        return Optional.ofNullable(before.get());
    }

    /** Remembers that {@code resource} sent directed available presence to {@code target} (RFC 6121 §4.6.2). */
    public void addDirected(BareJid user, String resource, String target) {
        Objects.requireNonNull(target, "target");
        change(user, resource, old -> {
            if (old == null) {
                return old; // §4.6.2: directed presence from an unavailable resource is not remembered
            }
            Set<String> directed = new LinkedHashSet<>(old.directedTo());
            directed.add(target);
            return old.withDirected(directed);
        });
    }

    /** Forgets a directed presence after {@code resource} sent {@code target} directed unavailable presence. */
    public void removeDirected(BareJid user, String resource, String target) {
        change(user, resource, old -> {
            if (old == null || !old.directedTo().contains(target)) {
                return old;
            }
            Set<String> directed = new LinkedHashSet<>(old.directedTo());
            directed.remove(target);
            return old.withDirected(directed);
        });
    }

    /** The user's available resources, ordered by resource name. */
    public List<ResourcePresence<P>> resources(BareJid user) {
        Map<String, ResourcePresence<P>> resources = users.get(user);
        return resources == null ? List.of() : List.copyOf(resources.values());
    }

    /** The available resource, if it is. */
    public Optional<ResourcePresence<P>> resource(BareJid user, String resource) {
        Map<String, ResourcePresence<P>> resources = users.get(user);
        return resources == null ? Optional.empty() : Optional.ofNullable(resources.get(resource));
    }

    /** Whether the user has at least one available resource. */
    public boolean isAvailable(BareJid user) {
        return users.containsKey(user);
    }

    /** Every user with an available resource, sorted. */
    public List<BareJid> availableUsers() {
        List<BareJid> all = new ArrayList<>(users.keySet());
        all.sort(Comparator.comparing(BareJid::toString));
        return all;
    }

    private void change(BareJid user, String resource,
            java.util.function.UnaryOperator<ResourcePresence<P>> update) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(resource, "resource");
        users.compute(user, (key, resources) -> {
            ResourcePresence<P> old = resources == null ? null : resources.get(resource);
            ResourcePresence<P> updated = update.apply(old);
            if (updated == old) {
                return resources;
            }
            Map<String, ResourcePresence<P>> copy = resources == null ? new TreeMap<>() : new TreeMap<>(resources);
            if (updated == null) {
                copy.remove(resource);
            } else {
                copy.put(resource, updated);
            }
            return copy.isEmpty() ? null : java.util.Collections.unmodifiableMap(copy);
        });
    }

    /**
     * One available resource's presence state.
     *
     * @param resource the resource part of its full JID
     * @param priority its presence priority, -128..127 (RFC 6121 §4.7.2.3)
     * @param presence its last available presence stanza, as broadcast (with {@code from}, without {@code to})
     * @param directedTo full or bare JIDs it sent directed available presence to (§4.6), in order
     */
    public record ResourcePresence<P>(String resource, int priority, P presence,
            Set<String> directedTo) {

        public ResourcePresence {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(presence, "presence");
            directedTo = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(directedTo));
        }

        ResourcePresence<P> withDirected(Set<String> directed) {
            return new ResourcePresence<>(resource, priority, presence, directed);
        }
    }
}
