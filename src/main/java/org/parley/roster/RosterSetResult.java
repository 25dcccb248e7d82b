package org.parley.roster;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a roster set (RFC 6121 §2.3–§2.5). On success the handler answers the requesting resource with an
 * empty IQ result, sends {@link #push()} to every interested resource, and routes any outbound presence; on
 * {@link Rejected} it answers with the error and sends nothing else.
 */
public sealed interface RosterSetResult
        permits RosterSetResult.Updated, RosterSetResult.Removed, RosterSetResult.Rejected {

    /**
     * An item was created or updated (§2.3.2, §2.4.2): "the server MUST update the item in the user's roster, send a
     * roster push to all of the user's interested resources, and send an IQ result to the initiating resource".
     *
     * @param push the push of the item as stored
     */
    record Updated(RosterPush.Update push) implements RosterSetResult {

        public Updated {
            Objects.requireNonNull(push, "push");
        }
    }

    /**
     * An item was removed (§2.5.2): push it with {@code subscription='remove'} and send the presence stanzas that
     * end the subscriptions, in this order.
     *
     * @param push the removal push
     * @param presences the {@code unsubscribe} and/or {@code unsubscribed} to send from the user to the contact,
     *     possibly none; to be routed (and, for a local contact, processed as inbound on the contact's roster)
     */
    record Removed(RosterPush.Removal push, List<OutboundPresence> presences) implements RosterSetResult {

        public Removed {
            Objects.requireNonNull(push, "push");
            presences = List.copyOf(presences);
        }
    }

    /**
     * The set was refused; nothing changed and nothing is pushed (§2.3.3: "If the server cannot successfully
     * process the roster set, it MUST return a stanza error").
     *
     * @param error the stanza error to return
     */
    record Rejected(RosterError error) implements RosterSetResult {

        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }
}
