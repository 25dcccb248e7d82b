package org.parley.presence;

import java.util.Objects;
import org.parley.roster.RosterPush;
import org.parley.subscription.SubscriptionEvent;
import org.parley.xmpp.BareJid;

/**
 * One thing the server must do after processing a subscription stanza (RFC 6121 §3), in the order
 * {@link SubscriptionService} returns them. The presence layer carries them out; the service itself sends nothing.
 */
public sealed interface SubscriptionEffect {

    /** Send this roster push to the owner's interested resources (§3.1.2, §3.1.5, §3.2, §3.3 "roster push"). */
    record Push(RosterPush push) implements SubscriptionEffect {

        public Push {
            Objects.requireNonNull(push, "push");
        }
    }

    /**
     * Deliver a subscription stanza from {@code from} to {@code to}'s available resources (or route it to a remote
     * domain), both as bare JIDs (§3: "the server MUST stamp the outgoing presence stanza with the bare JID").
     *
     * @param original true: the stanza the user sent, with all its children (status, nick, extensions); false: a
     *     stanza the server generates on a user's behalf (an automatic reply, or a side effect of a roster removal)
     */
    record Deliver(BareJid from, BareJid to, SubscriptionEvent type, boolean original) implements SubscriptionEffect {

        public Deliver {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * Send {@code from}'s presence to {@code to}: with {@code available}, the last presence of each of
     * {@code from}'s available resources (§3.1.5: after an approval "the contact's server MUST ... send presence
     * from all of the contact's available resources to the user"); without, presence of type unavailable from each
     * of them (§3.2.2, §3.3.3, after a cancellation or an unsubscribe).
     */
    record SendPresence(BareJid from, BareJid to, boolean available) implements SubscriptionEffect {

        public SendPresence {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }
}
