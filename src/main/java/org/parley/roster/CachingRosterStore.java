package org.parley.roster;

import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.parley.xmpp.BareJid;

/**
 * A {@link RosterStore} that keeps whole {@link Roster}s in memory in front of another store, so that presence
 * broadcasts, probes and PEP notifications, which read a roster for every stanza, do not go to the database each
 * time. {@link #roster} and {@link #item} are answered from the cached roster; {@link #entry}, {@link #changesSince}
 * and {@link #generation} (read once per roster get or subscription change, not per presence) go to the delegate.
 *
 * <p><b>Writes.</b> Every write goes to the delegate first and then drops the cached rosters of the owners it
 * touched, so the next read loads them again. The server must send every roster write through this one instance
 * (the composition root hands it to every consumer); a write that bypasses it, or a change of the database from
 * another process, is not seen until the roster is dropped for another reason.
 *
 * <p><b>No stale installs.</b> A load reads the delegate without a lock and may finish after a write that it did not
 * see. So a load first puts a <em>pending</em> slot with a fresh stamp in the map, reads, and then replaces exactly
 * that slot (same stamp) with the loaded roster. A write removes the owner's slot after its commit: a load that
 * began before the commit then finds its slot gone (or replaced by a later load's, with another stamp) and does not
 * install what it read. Stamps come from one counter and are never reused, so a slot can not be mistaken for an
 * older one of the same owner.
 *
 * <p><b>Bounded.</b> At most {@code capacity} owners are held (pending loads included). Past that, arbitrary other
 * owners are dropped (not the least recently used: a {@link ConcurrentHashMap} keeps no order, and an LRU list would
 * put a lock on every read): a dropped roster costs one reload, never a wrong answer. Sized above the number of
 * users online at once ({@code roster.cache_size}), the rosters of online users stay while probed offline contacts
 * come and go within the bound. The owner of
 * an account that is deleted or created must be {@link #evict evicted}, since that changes the roster without a
 * write through this store (the database's cascade).
 *
 * <p>Thread-safe, lock-free on reads. Owned by the composition root, which shares the one instance.
 */
public final class CachingRosterStore implements RosterStore {

    private final RosterStore delegate;
    private final int capacity;
    private final ConcurrentMap<BareJid, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong stamps = new AtomicLong();

    /**
     * A cached roster, or a load in progress ({@code roster} null).
     *
     * @param stamp unique per slot ever created, so that a load installs only into its own slot
     * @param roster the loaded roster; null while the load is in progress
     */
    private record Slot(long stamp, Roster roster) {}

    /**
     * @param delegate the store that holds the data
     * @param capacity the most owners whose rosters are held at once, at least 1
     */
    public CachingRosterStore(RosterStore delegate, int capacity) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Drops the owner's cached roster, for changes made without this store: the account was deleted (its roster
     * rows go by cascade) or created. A load in progress for the owner will not install what it read.
     */
    public void evict(BareJid owner) {
        slots.remove(Objects.requireNonNull(owner, "owner"));
    }

    /** How many owners are held (loads in progress included); for tests and metrics. */
    public int size() {
        return slots.size();
    }

    @Override
    public long generation(BareJid owner) {
        // Not cached: it changes when the account is re-created, and it is read per roster get, not per presence.
        return delegate.generation(owner);
    }

    @Override
    public Roster roster(BareJid owner) {
        Objects.requireNonNull(owner, "owner");
        Slot cached = slots.get(owner);
        if (cached != null && cached.roster() != null) {
            return cached.roster();
        }
        return load(owner);
    }

    @Override
    public Optional<RosterItem> item(BareJid owner, BareJid contact) {
        Objects.requireNonNull(contact, "contact");
        // Rosters are small (a few hundred items at most in practice), so a scan is cheaper than an index per roster.
        for (RosterItem item : roster(owner).items()) {
            if (item.contact().equals(contact)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<RosterEntry> entry(BareJid owner, BareJid contact) {
        // may be a stranger's pending request, which the cached roster does not hold
        return delegate.entry(owner, contact);
    }

    @Override
    public Optional<RosterChanges> changesSince(BareJid owner, long version) {
        return delegate.changesSince(owner, version);
    }

    @Override
    public long put(BareJid owner, RosterItem item) {
        try {
            return delegate.put(owner, item);
        } finally {
            evict(owner);
        }
    }

    @Override
    public OptionalLong remove(BareJid owner, BareJid contact) {
        try {
            return delegate.remove(owner, contact);
        } finally {
            evict(owner);
        }
    }

    @Override
    public RosterEntry update(BareJid owner, BareJid contact, UnaryOperator<RosterEntry> change) {
        try {
            return delegate.update(owner, contact, change);
        } finally {
            evict(owner);
        }
    }

    @Override
    public Updated updateBoth(BareJid a, BareJid contactOfA, UnaryOperator<RosterEntry> changeA,
            BareJid b, BareJid contactOfB, UnaryOperator<RosterEntry> changeB) {
        try {
            return delegate.updateBoth(a, contactOfA, changeA, b, contactOfB, changeB);
        } finally {
            // also after a failure: whether the delegate committed is then unknown, and a reload is always right
            evict(a);
            evict(b);
        }
    }

    /** Reads the roster from the delegate and keeps it, unless a write or eviction came in between. */
    private Roster load(BareJid owner) {
        Slot pending = slots.computeIfAbsent(owner, absent -> new Slot(stamps.incrementAndGet(), null));
        if (pending.roster() != null) {
            return pending.roster(); // another thread installed it meanwhile
        }
        Roster roster = delegate.roster(owner);
        // record equality: the slot is still this load's (the stamp is unique) and still pending
        slots.replace(owner, pending, new Slot(pending.stamp(), roster));
        trim(owner);
        return roster;
    }

    /** Drops other owners while over capacity; which ones does not matter for correctness. */
    private void trim(BareJid keep) {
        if (slots.size() <= capacity) {
            return;
        }
        Iterator<BareJid> owners = slots.keySet().iterator();
        while (slots.size() > capacity && owners.hasNext()) {
            if (!owners.next().equals(keep)) {
                owners.remove();
            }
        }
    }
}
