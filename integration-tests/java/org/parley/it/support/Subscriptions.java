package org.parley.it.support;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;

/**
 * Sets up presence subscriptions through the protocol itself (RFC 6121 §3.1), for tests whose subject comes after
 * it. Both actors must be available (have sent initial presence), so that the request is delivered at once.
 *
 * <p>The user requests the roster first (if the script has not), so that it is an interested resource, and the
 * set-up counts as done when the user's server pushes the contact with 'to' or 'both' (§3.1.6). That push is the
 * user's server recording the approval; waiting for it rather than for the {@code subscribed} presence keeps a
 * test about something else from failing in its set-up when only the delivery of {@code subscribed} is broken
 * (the section 3 tests check that delivery).
 */
public final class Subscriptions {

    private Subscriptions() {}

    /** {@code user} subscribes to {@code contact}'s presence and {@code contact} approves (user: 'to' or 'both'). */
    public static void subscribe(Actor user, Actor contact) throws Exception {
        user.rosterGet();
        user.subscribe(contact.bareJid());
        contact.inbox().awaitPresence(user.bareJid(), Presence.Type.subscribe);
        contact.subscribed(user.bareJid());
        user.inbox().awaitRosterPush(contact.bareJid(),
                i -> i.getItemType() == ItemType.to || i.getItemType() == ItemType.both, "subscription 'to' or 'both'");
    }

    /** Both directions: each ends with subscription 'both'. */
    public static void mutual(Actor a, Actor b) throws Exception {
        subscribe(a, b);
        subscribe(b, a);
    }
}
