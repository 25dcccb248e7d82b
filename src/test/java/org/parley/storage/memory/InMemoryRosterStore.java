package org.parley.storage.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.parley.roster.Roster;
import org.parley.roster.RosterChanges;
import org.parley.roster.RosterEntry;
import org.parley.roster.RosterItem;
import org.parley.roster.RosterStore;
import org.parley.subscription.SubscriptionRequest;
import org.parley.subscription.SubscriptionRequestStore;
import org.parley.xmpp.BareJid;

/**
 * {@link RosterStore} and {@link SubscriptionRequestStore} in memory, with the H2 store's behaviour: the same
 * versions, tombstones and orders, checked by the same contract test.
 *
 * <p>One lock guards everything: every operation, including the change functions of {@link #update} and
 * {@link #updateBoth}, runs while holding it, so each is atomic and none loses an update. A fake needs simplicity
 * more than throughput. Unlike the H2 store it accepts any owner, account or not.
 *
 * <p>An owner's data, and with it the owner's {@link #generation}, comes into being at the owner's first use and
 * ends with {@link #deleteOwner}, this store's stand-in for deleting the account. Generations are a counter, so
 * every owner's data this store ever holds has its own.
 */
public final class InMemoryRosterStore implements RosterStore, SubscriptionRequestStore {

    private static final Comparator<RosterEntry> BY_VERSION =
            Comparator.comparingLong(RosterEntry::version).thenComparing(entry -> entry.contact().toString());

    private final Object lock = new Object();
    private final Map<BareJid, OwnerRoster> owners = new HashMap<>(); // guarded by lock
    private long lastGeneration; // guarded by lock

    /** One user's data: the rows of the H2 tables, keyed by the contact's string form as H2 sorts them. */
    private static final class OwnerRoster {
        final long generation;
        long version;
        final NavigableMap<String, RosterEntry> entries = new TreeMap<>();
        final Map<String, RosterChanges.Removal> tombstones = new HashMap<>();

        OwnerRoster(long generation) {
            this.generation = generation;
        }
    }

    @Override
    public long generation(BareJid owner) {
        Objects.requireNonNull(owner, "owner");
        synchronized (lock) {
            return ownerRoster(owner).generation;
        }
    }

    /**
     * Forgets everything stored for {@code owner}, as deleting the account does in the H2 store (the roster tables'
     * {@code ON DELETE CASCADE}): the owner's next use starts an empty roster at version 0, in a new generation.
     */
    public void deleteOwner(BareJid owner) {
        Objects.requireNonNull(owner, "owner");
        synchronized (lock) {
            owners.remove(owner);
        }
    }

    @Override
    public Roster roster(BareJid owner) {
        Objects.requireNonNull(owner, "owner");
        synchronized (lock) {
            OwnerRoster roster = owners.get(owner);
            if (roster == null) {
                return new Roster(owner, 0, List.of());
            }
            return new Roster(owner, roster.version, roster.entries.values().stream()
                    .filter(RosterEntry::inRoster).map(RosterEntry::asItem).toList());
        }
    }

    @Override
    public Optional<RosterEntry> entry(BareJid owner, BareJid contact) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(contact, "contact");
        synchronized (lock) {
            OwnerRoster roster = owners.get(owner);
            return roster == null ? Optional.empty() : Optional.ofNullable(roster.entries.get(contact.toString()));
        }
    }

    @Override
    public Optional<RosterChanges> changesSince(BareJid owner, long version) {
        Objects.requireNonNull(owner, "owner");
        synchronized (lock) {
            OwnerRoster roster = ownerRoster(owner);
            if (version < 0 || version > roster.version) {
                return Optional.empty();
            }
            List<RosterItem> changed = roster.entries.values().stream()
                    .filter(entry -> entry.inRoster() && entry.version() > version)
                    .sorted(BY_VERSION).map(RosterEntry::asItem).toList();
            List<RosterChanges.Removal> removed = roster.tombstones.values().stream()
                    .filter(removal -> removal.version() > version)
                    .sorted(Comparator.comparingLong(RosterChanges.Removal::version)
                            .thenComparing(removal -> removal.contact().toString()))
                    .toList();
            return Optional.of(new RosterChanges(roster.version, changed, removed));
        }
    }

    @Override
    public long put(BareJid owner, RosterItem item) {
        Objects.requireNonNull(item, "item");
        synchronized (lock) {
            change(List.of(new Step(owner, item.contact(), entry -> entry.withItem(item.name(), item.groups())
                    .withSubscription(item.subscription()).withApproved(item.approved()))));
            return version(owner);
        }
    }

    @Override
    public OptionalLong remove(BareJid owner, BareJid contact) {
        synchronized (lock) {
            List<RosterEntry> before = new ArrayList<>();
            change(List.of(new Step(owner, contact, entry -> {
                before.add(entry);
                return entry.inRoster() ? entry.removed() : entry;
            })));
            return before.get(0).inRoster() ? OptionalLong.of(version(owner)) : OptionalLong.empty();
        }
    }

    @Override
    public RosterEntry update(BareJid owner, BareJid contact, UnaryOperator<RosterEntry> change) {
        return change(List.of(new Step(owner, contact, change))).get(0);
    }

    @Override
    public Updated updateBoth(BareJid a, BareJid contactOfA, UnaryOperator<RosterEntry> changeA,
            BareJid b, BareJid contactOfB, UnaryOperator<RosterEntry> changeB) {
        Step first = new Step(a, contactOfA, changeA);
        Step second = new Step(b, contactOfB, changeB);
        RosterStore.requireDistinctEntries(a, contactOfA, b, contactOfB);
        List<RosterEntry> after = change(List.of(first, second));
        return new Updated(after.get(0), after.get(1));
    }

    @Override
    public List<SubscriptionRequest> pendingFor(BareJid user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            OwnerRoster roster = owners.get(user);
            if (roster == null) {
                return List.of();
            }
            return roster.entries.values().stream()
                    .filter(entry -> entry.pendingIn() != null)
                    .sorted(Comparator.comparing((RosterEntry entry) -> entry.pendingIn().receivedAt())
                            .thenComparing(entry -> entry.contact().toString()))
                    .map(entry -> request(user, entry))
                    .toList();
        }
    }

    @Override
    public Optional<SubscriptionRequest> pending(BareJid user, BareJid from) {
        return entry(user, from).filter(entry -> entry.pendingIn() != null).map(entry -> request(user, entry));
    }

    private static SubscriptionRequest request(BareJid user, RosterEntry entry) {
        return new SubscriptionRequest(entry.contact(), user, entry.pendingIn().stanza(),
                entry.pendingIn().receivedAt());
    }

    /** One read-modify-write of one entry. */
    private record Step(BareJid owner, BareJid contact, UnaryOperator<RosterEntry> change) {
        Step {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(change, "change");
        }
    }

    /** Applies the steps atomically and returns the entries as stored; versions as in the H2 store. */
    private List<RosterEntry> change(List<Step> steps) {
        synchronized (lock) {
            // Every change function runs before anything is written, so one that throws leaves the store as it was.
            // The steps name different entries, so none of them could have seen another's write anyway.
            List<RosterEntry> before = new ArrayList<>();
            List<RosterEntry> changed = new ArrayList<>();
            for (Step step : steps) {
                RosterEntry old = entry(step.owner(), step.contact()).orElse(RosterEntry.absent(step.contact()));
                before.add(old);
                changed.add(checked(step, step.change().apply(old)));
            }
            List<RosterEntry> after = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                RosterEntry old = before.get(i);
                RosterEntry next = changed.get(i);
                if (next.sameContentAs(old)) {
                    after.add(old);
                    continue;
                }
                OwnerRoster roster = ownerRoster(steps.get(i).owner());
                // Only what the roster shows moves its version (see RosterStore).
                roster.version += old.inRoster() || next.inRoster() ? 1 : 0;
                RosterEntry stored = next.withVersion(roster.version);
                write(roster, old, stored);
                after.add(stored);
            }
            return after;
        }
    }

    private static void write(OwnerRoster roster, RosterEntry before, RosterEntry after) {
        String contact = after.contact().toString();
        if (after.isAbsent()) {
            roster.entries.remove(contact);
        } else {
            roster.entries.put(contact, after);
        }
        if (before.inRoster() && !after.inRoster()) {
            roster.tombstones.put(contact, new RosterChanges.Removal(after.contact(), after.version()));
        } else if (!before.inRoster() && after.inRoster()) {
            roster.tombstones.remove(contact);
        }
    }

    /** The owner's data, created empty in the next generation if there is none; the caller holds the lock. */
    private OwnerRoster ownerRoster(BareJid owner) {
        return owners.computeIfAbsent(owner, newOwner -> new OwnerRoster(++lastGeneration));
    }

    private long version(BareJid owner) {
        OwnerRoster roster = owners.get(owner);
        return roster == null ? 0 : roster.version;
    }

    private static RosterEntry checked(Step step, RosterEntry changed) {
        Objects.requireNonNull(changed, "the change of the roster entry returned null");
        if (!changed.contact().equals(step.contact())) {
            throw new IllegalArgumentException("a change of the entry " + step.contact() + " returned one for "
                    + changed.contact());
        }
        return changed;
    }
}
