package org.parley.roster;

import java.util.Objects;
import org.parley.xmpp.BareJid;

/**
 * A roster push to send (RFC 6121 §2.1.6): one roster item, created, updated or removed, to be sent as an IQ of type
 * {@code set} to each of the owner's interested resources ({@link RosterService#pushTargets}). The roster service
 * only decides what to push; the handler sends it.
 *
 * <p>Rules for the handler that builds the stanza:
 * <ul>
 *   <li>{@code to}: the full JID of one interested resource; one IQ per resource, each with its own {@code id}
 *       (§2.3.2 shows two pushes with different ids), including the resource whose roster set caused the push
 *       ("to all of the user's interested resources, including the resource that generated the roster set").</li>
 *   <li>{@code from}: none, or the owner's bare JID ({@link #owner()}). §2.1.6 rule 2: "A receiving client MUST
 *       ignore the stanza unless it has no 'from' attribute (i.e., implicitly from the bare JID of the user's
 *       account) or it has a 'from' attribute whose value matches the user's bare JID &lt;user@domainpart&gt;."
 *       Never a full JID and never the server's domain.</li>
 *   <li>{@code <query xmlns='jabber:iq:roster' ver='...'>} with {@link #ver()} and exactly one {@code <item/>}
 *       (§2.1.6 rule 1; §2.6.3: "the server MUST include the updated roster version with each roster push").</li>
 *   <li>Pushes of one owner go out in the order the service returned them (and, across calls, in version order):
 *       §2.6.3 "Roster pushes MUST occur in order of modification".</li>
 *   <li>The client's {@code result} or {@code error} reply is ignored: "if the server receives an IQ of type
 *       "error" in response to a roster push then it SHOULD ignore the error" (§2.1.6).</li>
 * </ul>
 */
public sealed interface RosterPush permits RosterPush.Update, RosterPush.Removal {

    /** The user whose roster changed: the only allowed {@code from} of the push. */
    BareJid owner();

    /** The contact the push is about: the item's {@code jid}. */
    BareJid contact();

    /** The roster version after this change, for the query's {@code ver} attribute ({@link RosterVersion}). */
    String ver();

    /**
     * The item's {@code subscription} attribute: {@code none}, {@code to}, {@code from} or {@code both} for an
     * update (§2.1.2.5), {@code remove} for a removal (§2.5.2).
     */
    String subscriptionAttribute();

    /**
     * A created or updated item, pushed with its name, groups, subscription, {@code ask} (from
     * {@link org.parley.subscription.SubscriptionState#pendingOut()}) and {@code approved} attributes.
     *
     * @param owner the user whose roster changed
     * @param item the item as stored, with its version
     * @param ver the roster version of the push
     */
    record Update(BareJid owner, RosterItem item, String ver) implements RosterPush {

        public Update {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(ver, "ver");
        }

        @Override
        public BareJid contact() {
            return item.contact();
        }

        @Override
        public String subscriptionAttribute() {
            return item.subscription().rosterSubscription();
        }
    }

    /**
     * A removed item: pushed as {@code <item jid='...' subscription='remove'/>} with no name and no groups (RFC 6121
     * §2.5.2, and §2.6.3 for interim pushes of removals).
     *
     * @param owner the user whose roster changed
     * @param contact the removed contact
     * @param ver the roster version of the removal
     */
    record Removal(BareJid owner, BareJid contact, String ver) implements RosterPush {

        /** The {@code subscription} attribute value of a removal. */
        public static final String REMOVE = "remove";

        public Removal {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(ver, "ver");
        }

        @Override
        public String subscriptionAttribute() {
            return REMOVE;
        }
    }
}
