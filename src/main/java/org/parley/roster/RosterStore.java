package org.parley.roster;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.parley.xmpp.BareJid;

/**
 * Persistence of rosters, subscription states and roster versions (the SPI the roster and subscription services
 * are written against). Implementations: {@code org.parley.storage.h2.H2RosterStore} and
 * {@code org.parley.storage.memory.InMemoryRosterStore}, both held to {@code RosterStoreContract}.
 *
 * <p><b>Versions</b> (RFC 6121 §2.6): each owner has a counter, 0 until the first change. Every write that changes
 * what the owner's roster shows (an entry that is or was {@link RosterEntry#inRoster() in the roster}) raises it by
 * one and stamps the entry with the new value; a write that changes nothing raises nothing. Changes to entries
 * that only record a stranger's request are invisible to roster versioning and leave the counter alone.
 *
 * <p><b>Generations</b>: the counter starts again at 0 when an account is deleted and re-created, so each owner
 * also has a {@link #generation} that tells the two accounts apart.
 *
 * <p><b>Consistency</b>: each method is one transaction. {@link #update} and {@link #updateBoth} are locked
 * read-modify-writes, so concurrent changes of one user's roster (from two resources, or from a contact's
 * subscription stanza) never lose an update.
 *
 * <p>Owners are local accounts: the H2 store refuses others (foreign key), the in-memory store does not check.
 * Implementations are thread-safe. Infrastructure failures surface as {@code org.parley.storage.StorageException}.
 */
public interface RosterStore {

    /**
     * The generation of the owner's account: the same for as long as the account exists, and different (except with
     * probability 2<sup>-64</sup>) once the account is deleted and registered again under the same JID, whose
     * roster starts again at version 0. Roster versions carry it ({@link RosterVersion}), so that a version of the
     * deleted account's roster is not taken for one of the new roster (RFC 6121 §2.6, ADR 0007).
     *
     * <p>Read it <em>before</em> the roster data it labels. If the account is re-created in between, the label then
     * names a generation that no longer exists, and a client that sends it back gets the whole roster. Read
     * after the data, it could put the new account's generation on data of the deleted one.
     *
     * @return any value for an owner without an account (the H2 store: 0); such an owner's roster is empty at
     *     version 0, which is the same roster in every generation
     */
    long generation(BareJid owner);

    /** The owner's roster: every entry in the roster, none that only records a pending request. */
    Roster roster(BareJid owner);

    /** The roster item for {@code contact}; empty when the contact is not in the roster. */
    default Optional<RosterItem> item(BareJid owner, BareJid contact) {
        return entry(owner, contact).filter(RosterEntry::inRoster).map(RosterEntry::asItem);
    }

    /** The stored entry for {@code contact}, in the roster or not; empty when there is none. */
    Optional<RosterEntry> entry(BareJid owner, BareJid contact);

    /**
     * The changes after roster version {@code version} (RFC 6121 §2.6.3).
     *
     * @return empty when the store cannot answer for that version (negative, or newer than the current one, as
     *     after a restore from backup): the caller then sends the whole roster
     */
    Optional<RosterChanges> changesSince(BareJid owner, long version);

    /**
     * Adds or replaces the item: name, groups, subscription and pre-approval as given, in the roster. A pending
     * inbound request already stored stays while {@code item.subscription()} still has one. For a client's roster
     * set use {@link #update} with {@link RosterEntry#withItem}, which keeps the subscription state as it is.
     *
     * @return the owner's roster version afterwards (unchanged when the item already was exactly this)
     * @throws IllegalArgumentException when the item's state needs a pending request and none is stored, or the
     *     item is pre-approved in a state that takes no pre-approval
     */
    long put(BareJid owner, RosterItem item);

    /**
     * Removes the contact from the roster with everything stored about it, including a pending request.
     *
     * @return the new roster version, or empty when the contact was not in the roster (RFC 6121 §2.5.3
     *     {@code item-not-found}); an entry that only records a stranger's request is then left as it is
     */
    OptionalLong remove(BareJid owner, BareJid contact);

    /**
     * Reads the owner's entry for {@code contact} ({@link RosterEntry#absent} when there is none), applies
     * {@code change} and stores the result, under a lock on the owner's roster, in one transaction. Returning an
     * {@linkplain RosterEntry#isAbsent() absent} entry deletes the row. If {@code change} throws, nothing changes.
     *
     * <p>{@code change} runs while the lock is held: it must be quick and must not call this store.
     *
     * @return the entry as stored, with its version (an absent entry when the row is gone)
     * @throws IllegalArgumentException when {@code change} returns an entry for another contact
     */
    RosterEntry update(BareJid owner, BareJid contact, UnaryOperator<RosterEntry> change);

    /**
     * {@link #update} of two local users' entries in one transaction, as when a subscription stanza between them
     * changes both rosters (issue 3 item 5): both changes are stored, or neither (when either function throws).
     * Locks are taken in the order of the owners' JIDs, so opposite updates of a pair cannot deadlock; the
     * functions run in argument order, {@code changeA} first, so {@code changeB} may depend on what {@code changeA}
     * decided (the subscription service routes the contact's side only if the user's side says so). {@code a}
     * and {@code b} may be the same user with two different contacts.
     *
     * @return both entries as stored
     * @throws IllegalArgumentException when both name the same entry, or a change returns another contact's entry
     */
    Updated updateBoth(BareJid a, BareJid contactOfA, UnaryOperator<RosterEntry> changeA,
            BareJid b, BareJid contactOfB, UnaryOperator<RosterEntry> changeB);

    /**
     * The argument rule of {@link #updateBoth}, for implementations.
     *
     * @throws IllegalArgumentException when both changes name the same entry
     */
    static void requireDistinctEntries(BareJid a, BareJid contactOfA, BareJid b, BareJid contactOfB) {
        if (a.equals(b) && contactOfA.equals(contactOfB)) {
            throw new IllegalArgumentException("both changes name the entry " + contactOfA + " of " + a);
        }
    }

    /**
     * The result of {@link #updateBoth}.
     *
     * @param a the entry of the first user, as stored
     * @param b the entry of the second user, as stored
     */
    record Updated(RosterEntry a, RosterEntry b) {

        public Updated {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }
    }
}
