package org.parley.storage.h2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.parley.roster.Roster;
import org.parley.roster.RosterChanges;
import org.parley.roster.RosterEntry;
import org.parley.roster.RosterItem;
import org.parley.roster.RosterStore;
import org.parley.storage.Transactions;
import org.parley.subscription.SubscriptionRequest;
import org.parley.subscription.SubscriptionRequestStore;
import org.parley.xmpp.BareJid;

/**
 * {@link RosterStore} and {@link SubscriptionRequestStore} over the tables of migration {@code V2__create_roster.sql}:
 * {@code roster_item}, {@code roster_group}, {@code roster_version} and {@code roster_tombstone}; the generation is
 * {@code account.generation} (migration {@code V6__add_account_generation.sql}). The SQL is in
 * {@link RosterRows} and {@link RosterVersionRows}.
 *
 * <p><b>Locking.</b> Every change runs in one transaction that first locks the owner's {@code roster_version} row
 * ({@code SELECT ... FOR UPDATE}), then the item row. The version row exists before any of the owner's items (it
 * is created, in auto-commit mode, before the first change), so it also serialises changes of an item that does
 * not exist yet, where a row lock alone would lock nothing. Every change bumps that same row anyway, so the lock
 * costs no concurrency that the counter did not already cost. Two-user changes lock the owners in the order of
 * their JID strings, so opposite changes of a pair wait for each other instead of deadlocking.
 *
 * <p><b>Reads</b> take no locks. Each item is read together with its groups in one statement (one committed state).
 * A roster and a change set read the version <em>before</em> the items: if a change commits in between, the answer
 * shows it under the older version and the client receives it again next time, which is harmless, whereas the
 * other order could report a version whose change the answer lacks.
 */
public final class H2RosterStore implements RosterStore, SubscriptionRequestStore {

    private final Transactions transactions;

    /** @param dataSource a data source over a database migrated to at least schema version 2 */
    public H2RosterStore(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public long generation(BareJid owner) {
        Objects.requireNonNull(owner, "owner");
        return transactions.withConnection("read the account generation of " + owner,
                connection -> RosterVersionRows.generation(connection, owner));
    }

    @Override
    public Roster roster(BareJid owner) {
        Objects.requireNonNull(owner, "owner");
        return transactions.withConnection("read the roster of " + owner, connection -> {
            long version = RosterVersionRows.version(connection, owner);
            List<RosterItem> items = RosterRows.roster(connection, owner).stream().map(RosterEntry::asItem).toList();
            return new Roster(owner, version, items);
        });
    }

    @Override
    public Optional<RosterEntry> entry(BareJid owner, BareJid contact) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(contact, "contact");
        return transactions.withConnection("read the roster entry " + contact + " of " + owner,
                connection -> RosterRows.entry(connection, owner, contact));
    }

    @Override
    public Optional<RosterChanges> changesSince(BareJid owner, long version) {
        Objects.requireNonNull(owner, "owner");
        if (version < 0) {
            return Optional.empty();
        }
        return transactions.withConnection("read the roster changes of " + owner + " since " + version,
                connection -> {
                    long current = RosterVersionRows.version(connection, owner);
                    if (version > current) {
                        return Optional.empty();
                    }
                    List<RosterItem> changed = RosterRows.changedSince(connection, owner, version).stream()
                            .map(RosterEntry::asItem).toList();
                    return Optional.of(new RosterChanges(current, changed,
                            RosterRows.removedSince(connection, owner, version)));
                });
    }

    @Override
    public long put(BareJid owner, RosterItem item) {
        Objects.requireNonNull(item, "item");
        Outcome outcome = change("put " + item.contact() + " in the roster of " + owner,
                List.of(new Step(owner, item.contact(), entry -> entry.withItem(item.name(), item.groups())
                        .withSubscription(item.subscription()).withApproved(item.approved()))));
        return outcome.versions().get(owner);
    }

    @Override
    public OptionalLong remove(BareJid owner, BareJid contact) {
        Outcome outcome = change("remove " + contact + " from the roster of " + owner,
                List.of(new Step(owner, contact, entry -> entry.inRoster() ? entry.removed() : entry)));
        return outcome.before().get(0).inRoster()
                ? OptionalLong.of(outcome.versions().get(owner))
                : OptionalLong.empty();
    }

    @Override
    public RosterEntry update(BareJid owner, BareJid contact, UnaryOperator<RosterEntry> change) {
        return change("update the roster entry " + contact + " of " + owner,
                List.of(new Step(owner, contact, change))).after().get(0);
    }

    @Override
    public Updated updateBoth(BareJid a, BareJid contactOfA, UnaryOperator<RosterEntry> changeA,
            BareJid b, BareJid contactOfB, UnaryOperator<RosterEntry> changeB) {
        Step first = new Step(a, contactOfA, changeA);
        Step second = new Step(b, contactOfB, changeB);
        RosterStore.requireDistinctEntries(a, contactOfA, b, contactOfB);
        Outcome outcome = change("update the roster entries " + contactOfA + " of " + a + " and " + contactOfB
                + " of " + b, List.of(first, second));
        return new Updated(outcome.after().get(0), outcome.after().get(1));
    }

    @Override
    public List<SubscriptionRequest> pendingFor(BareJid user) {
        Objects.requireNonNull(user, "user");
        return transactions.withConnection("read the pending subscription requests to " + user,
                connection -> List.copyOf(RosterRows.pendingFor(connection, user)));
    }

    @Override
    public Optional<SubscriptionRequest> pending(BareJid user, BareJid from) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(from, "from");
        return transactions.withConnection("read the pending subscription request from " + from + " to " + user,
                connection -> RosterRows.pending(connection, user, from));
    }

    /** One read-modify-write of one entry. */
    private record Step(BareJid owner, BareJid contact, UnaryOperator<RosterEntry> change) {
        Step {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(change, "change");
        }
    }

    /** The entries before and after each step (after: as stored), and each owner's version afterwards. */
    private record Outcome(List<RosterEntry> before, List<RosterEntry> after, Map<BareJid, Long> versions) {}

    /** Applies the steps in order in one transaction, holding every owner's lock (taken in JID order) throughout. */
    private Outcome change(String what, List<Step> steps) {
        Map<String, BareJid> owners = new TreeMap<>();
        steps.forEach(step -> owners.put(step.owner().toString(), step.owner()));
        for (BareJid owner : owners.values()) {
            transactions.withConnection(what, connection -> {
                RosterVersionRows.ensureVersionRow(connection, owner);
                return null;
            });
        }
        return transactions.inTransaction(what, connection -> {
            Map<BareJid, Long> versions = new LinkedHashMap<>();
            for (BareJid owner : owners.values()) {
                versions.put(owner, RosterVersionRows.lockVersion(connection, owner));
            }
            Map<BareJid, Long> initial = Map.copyOf(versions);
            List<RosterEntry> before = new ArrayList<>();
            List<RosterEntry> after = new ArrayList<>();
            for (Step step : steps) {
                RosterEntry old = RosterRows.lockEntry(connection, step.owner(), step.contact())
                        .orElse(RosterEntry.absent(step.contact()));
                RosterEntry changed = checked(step, step.change().apply(old));
                before.add(old);
                if (changed.sameContentAs(old)) {
                    after.add(old);
                    continue;
                }
                // Only what the roster shows moves its version (see RosterStore).
                long version = versions.get(step.owner()) + (old.inRoster() || changed.inRoster() ? 1 : 0);
                versions.put(step.owner(), version);
                RosterEntry stored = changed.withVersion(version);
                RosterRows.write(connection, step.owner(), old, stored);
                after.add(stored);
            }
            for (Map.Entry<BareJid, Long> owner : versions.entrySet()) {
                if (!owner.getValue().equals(initial.get(owner.getKey()))) {
                    RosterVersionRows.setVersion(connection, owner.getKey(), owner.getValue());
                }
            }
            return new Outcome(before, after, versions);
        });
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
