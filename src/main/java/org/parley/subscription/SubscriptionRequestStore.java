package org.parley.subscription;

import java.util.List;
import java.util.Optional;
import org.parley.xmpp.BareJid;

/**
 * Read access to pending inbound subscription requests, for re-delivery at sign-on (RFC 6121 §3.1.3) and for the
 * admin CLI. Requests are not stored through this interface: a request is part of the user's roster entry for the
 * requester (its subscription state and the stanza change together), so it is written with
 * {@code org.parley.roster.RosterStore#update} and {@code RosterEntry#withPendingIn}, and it disappears when the
 * entry leaves the pending-in states. Implemented by the roster stores.
 */
public interface SubscriptionRequestStore {

    /** The requests waiting for {@code user}'s answer, oldest first (ties by the requester's JID). */
    List<SubscriptionRequest> pendingFor(BareJid user);

    /** The request from {@code from} waiting for {@code user}'s answer, if there is one. */
    Optional<SubscriptionRequest> pending(BareJid user, BareJid from);
}
