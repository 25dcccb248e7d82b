package org.parley.roster;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/**
 * Everything the server stores about one contact of one user: the roster item, the subscription state, the
 * pre-approval and a pending inbound subscription request with its full stanza. One entry is one row, so the
 * subscription state has a single source of truth. {@link RosterStore#update} hands the current entry to a change
 * function and stores what it returns.
 *
 * <p>Invariants, checked here and by the schema:
 * <ul>
 *   <li>{@code pendingIn} is present exactly in the states with a {@linkplain SubscriptionState#pendingIn() pending
 *       inbound request}: RFC 6121 §3.1.3 keeps the request until it is answered.</li>
 *   <li>{@code approved} is set only in the states that {@linkplain SubscriptionState#acceptsPreApproval() accept
 *       a pre-approval} (RFC 6121 §3.4).</li>
 *   <li>An entry outside the roster ({@code inRoster == false}) either records a stranger's pending request
 *       (state {@code NONE_PENDING_IN}) or is {@linkplain #isAbsent() absent}; it has no name, no groups and no
 *       pre-approval. Every other state comes from the user's own subscribe, approval or pre-approval, and each of
 *       those puts the contact in the roster (RFC 6121 §3.1.2, §3.1.5, §3.4).</li>
 * </ul>
 *
 * @param contact the contact's bare JID; the key, which a change may not alter
 * @param inRoster whether the contact is an item of the roster; {@code false}: only a pending request, never shown
 *     in roster results or pushes
 * @param name the user's handle for the contact, or {@code null}
 * @param groups sorted, unmodifiable, none blank
 * @param subscription the subscription state (RFC 6121 Appendix A)
 * @param approved the pre-approval of RFC 6121 §3.4
 * @param pendingIn the pending inbound request, or {@code null}
 * @param version the roster version of the entry's last change; assigned by the store
 */
public record RosterEntry(
        BareJid contact, boolean inRoster, String name, Set<String> groups, SubscriptionState subscription,
        boolean approved, PendingIn pendingIn, long version) {

    public RosterEntry {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(subscription, "subscription");
        name = RosterItem.checkedName(name);
        groups = RosterItem.checkedGroups(groups);
        RosterItem.checkedVersion(version);
        if ((pendingIn != null) != subscription.pendingIn()) {
            throw new IllegalArgumentException(pendingIn == null
                    ? "state " + subscription + " needs the pending inbound request (see withPendingIn)"
                    : "state " + subscription + " has no pending inbound request, yet one was given");
        }
        if (approved && !subscription.acceptsPreApproval()) {
            throw new IllegalArgumentException("state " + subscription + " takes no pre-approval (RFC 6121 §3.4)");
        }
        if (!inRoster && (subscription != SubscriptionState.NONE && subscription != SubscriptionState.NONE_PENDING_IN
                || name != null || !groups.isEmpty() || approved)) {
            throw new IllegalArgumentException("an entry outside the roster only records a pending request;"
                    + " it cannot have state " + subscription + ", a name, groups or a pre-approval");
        }
    }

    /** The entry of a contact the server knows nothing about; {@link RosterStore#update} stores it as no row. */
    public static RosterEntry absent(BareJid contact) {
        return new RosterEntry(contact, false, null, Set.of(), SubscriptionState.NONE, false, null, 0);
    }

    /** Whether this is the {@linkplain #absent absent} entry: nothing to store, whatever its version. */
    public boolean isAbsent() {
        return !inRoster && pendingIn == null;
    }

    /** The item the user sees. */
    public RosterItem asItem() {
        if (!inRoster) {
            throw new IllegalStateException(contact + " is not in the roster");
        }
        return new RosterItem(contact, name, subscription, approved, groups, version);
    }

    /** This contact as a roster item with this name and these groups, as after a roster set (RFC 6121 §2.3). */
    public RosterEntry withItem(String newName, Set<String> newGroups) {
        return new RosterEntry(contact, true, newName, newGroups, subscription, approved, pendingIn, version);
    }

    /**
     * This entry in another subscription state. The pending inbound request is kept while the new state still has
     * one, and dropped otherwise (it was answered or withdrawn); likewise the pre-approval, while the new state
     * {@linkplain SubscriptionState#acceptsPreApproval() accepts one} (otherwise it was used up, RFC 6121 §3.4). A
     * state other than {@code NONE} and {@code NONE_PENDING_IN} puts the contact in the roster (see the class
     * invariants).
     *
     * @throws IllegalArgumentException when the new state needs a pending request and this entry has none: use
     *     {@link #withPendingIn}
     */
    public RosterEntry withSubscription(SubscriptionState state) {
        Objects.requireNonNull(state, "state");
        return new RosterEntry(contact, inRoster || needsRoster(state), name, groups, state,
                approved && state.acceptsPreApproval(), state.pendingIn() ? pendingIn : null, version);
    }

    /**
     * This entry in a state with a pending inbound request, holding {@code request} (RFC 6121 §3.1.3): the state
     * change and the stanza are stored together.
     *
     * @throws IllegalArgumentException when {@code state} is not one with a pending inbound request
     */
    public RosterEntry withPendingIn(SubscriptionState state, PendingIn request) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(request, "request");
        return new RosterEntry(contact, inRoster || needsRoster(state), name, groups, state,
                approved && state.acceptsPreApproval(), request, version);
    }

    /**
     * This entry with the pre-approval set or cleared; a pre-approval puts the contact in the roster (RFC 6121 §3.4).
     *
     * @throws IllegalArgumentException when setting it in a state that does not
     *     {@linkplain SubscriptionState#acceptsPreApproval() accept one}
     */
    public RosterEntry withApproved(boolean newApproved) {
        return new RosterEntry(contact, inRoster || newApproved, name, groups, subscription, newApproved, pendingIn,
                version);
    }

    /** The {@linkplain #absent absent} entry for this contact: returned from a change, it deletes the row. */
    public RosterEntry removed() {
        return absent(contact);
    }

    /** This entry at another roster version; for stores, which assign versions. */
    public RosterEntry withVersion(long newVersion) {
        return new RosterEntry(contact, inRoster, name, groups, subscription, approved, pendingIn, newVersion);
    }

    /** Whether the two entries store the same thing, versions aside; stores write nothing for such a change. */
    public boolean sameContentAs(RosterEntry other) {
        return withVersion(0).equals(other.withVersion(0));
    }

    private static boolean needsRoster(SubscriptionState state) {
        return state != SubscriptionState.NONE && state != SubscriptionState.NONE_PENDING_IN;
    }

    /**
     * An inbound subscription request waiting for the user's answer.
     *
     * @param stanza the complete {@code <presence type='subscribe'/>} stanza as XML text, with status, nick and
     *     extensions, as received; re-delivered until answered
     * @param receivedAt when the server received it
     */
    public record PendingIn(String stanza, Instant receivedAt) {

        public PendingIn {
            Objects.requireNonNull(stanza, "stanza");
            Objects.requireNonNull(receivedAt, "receivedAt");
            if (stanza.isBlank()) {
                throw new IllegalArgumentException("a pending request keeps its stanza, which is blank here");
            }
        }
    }
}
