package org.parley.roster;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/**
 * One item of a user's roster as the user sees it (RFC 6121 §2.1.2): what a roster result or roster push carries.
 *
 * <p>The record only rejects what no store can keep (a blank group name, an over-long name or group, a
 * pre-approval in a state that takes none). The protocol checks of a roster set (RFC 6121 §2.3.3) belong to the
 * roster service, which can use {@link #MAX_NAME_LENGTH} and {@link #MAX_GROUP_LENGTH} to answer
 * {@code not-acceptable} first.
 *
 * @param contact the contact's bare JID
 * @param name the user's handle for the contact, or {@code null} when the user gave none
 * @param subscription the presence subscription state between the user and the contact
 * @param approved whether the user pre-approved the contact's subscription request (RFC 6121 §3.4); only in the
 *     states that {@linkplain SubscriptionState#acceptsPreApproval() accept one}
 * @param groups the item's groups: sorted ({@link String#compareTo}), unmodifiable, none blank
 * @param version the roster version of the item's last change (RFC 6121 §2.6); 0 for an item not yet stored.
 *     {@link RosterStore#put} ignores it: stores assign versions.
 */
public record RosterItem(
        BareJid contact, String name, SubscriptionState subscription, boolean approved, Set<String> groups,
        long version) {

    /** The longest name, in UTF-16 code units, a store keeps. */
    public static final int MAX_NAME_LENGTH = 1023;

    /** The longest group name, in UTF-16 code units, a store keeps. */
    public static final int MAX_GROUP_LENGTH = 1023;

    public RosterItem {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(subscription, "subscription");
        name = checkedName(name);
        groups = checkedGroups(groups);
        checkedVersion(version);
        if (approved && !subscription.acceptsPreApproval()) {
            throw new IllegalArgumentException("state " + subscription + " takes no pre-approval (RFC 6121 §3.4)");
        }
    }

    /** A new item, not pre-approved and not yet stored (version 0). */
    public static RosterItem of(BareJid contact, String name, SubscriptionState subscription, Set<String> groups) {
        return new RosterItem(contact, name, subscription, false, groups, 0);
    }

    static String checkedName(String name) {
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a roster item name is at most " + MAX_NAME_LENGTH
                    + " characters long, was " + name.length());
        }
        return name;
    }

    /** The groups as a sorted, unmodifiable copy, after checking that each can be stored. */
    static Set<String> checkedGroups(Set<String> groups) {
        Objects.requireNonNull(groups, "groups");
        SortedSet<String> sorted = new TreeSet<>();
        for (String group : groups) {
            if (group == null || group.isBlank()) {
                throw new IllegalArgumentException("a roster group name may not be null or blank: " + groups);
            }
            if (group.length() > MAX_GROUP_LENGTH) {
                throw new IllegalArgumentException("a roster group name is at most " + MAX_GROUP_LENGTH
                        + " characters long, was " + group.length());
            }
            sorted.add(group);
        }
        return Collections.unmodifiableSortedSet(sorted);
    }

    static long checkedVersion(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("a roster version is not negative, was " + version);
        }
        return version;
    }
}
