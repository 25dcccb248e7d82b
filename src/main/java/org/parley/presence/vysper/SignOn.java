package org.parley.presence.vysper;

import org.parley.subscription.SubscriptionRequest;
import org.parley.subscription.SubscriptionRequestStore;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.StanzaXml;

/**
 * What a resource receives after its initial presence, on its own processing thread: the pending subscription
 * requests, again, until they are answered (RFC 6121 §3.1.3), and the messages held in offline storage (XEP-0160 §3),
 * in order, each with a XEP-0203 delay stamp, if its priority is not negative ("the server MUST NOT deliver ... to a
 * resource with a negative priority"). The flush is asked for before the resource counts as available, so no live
 * message can overtake the stored ones ({@code OfflineQueue}).
 */
final class SignOn {

    private final SubscriptionRequestStore requests;
    private final StanzaRouter router;

    SignOn(SubscriptionRequestStore requests, StanzaRouter router) {
        this.requests = requests;
        this.router = router;
    }

    /**
     * Called before an initial presence is recorded. Returns whether this thread must {@link #flush} the user's
     * offline queue afterwards (in a {@code finally}: a flush asked for must run, or the user's messages would wait
     * behind it).
     */
    boolean beforeInitialPresence(BareJid user, String resource, int priority) {
        return priority >= 0 && router.offline().signingOn(user, resource);
    }

    /** The pending subscription requests, again (§3.1.3). */
    void pendingRequests(BareJid user, String resource) {
        for (SubscriptionRequest request : requests.pendingFor(user)) {
            router.deliverTo(user, resource, StanzaXml.parse(request.stanza()));
        }
    }

    /** Delivers the stored messages; see {@link #beforeInitialPresence}. */
    void flush(BareJid user, String resource) {
        router.offline().run(user, resource);
    }
}
