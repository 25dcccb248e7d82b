package org.parley.presence.vysper;

import org.parley.subscription.SubscriptionRequest;
import org.parley.subscription.SubscriptionRequestStore;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.StanzaXml;
import org.parley.routing.vysper.StanzaRouter;

/**
 * What a resource receives after its initial presence, on its own processing thread: the pending subscription
 * requests, again, until they are answered (RFC 6121 §3.1.3). The stored messages (XEP-0160) follow through the
 * routing hooks ({@code offline.vysper.OfflineModule}).
 */
final class SignOn {

    private final SubscriptionRequestStore requests;
    private final StanzaRouter router;

    SignOn(SubscriptionRequestStore requests, StanzaRouter router) {
        this.requests = requests;
        this.router = router;
    }

    /** The pending subscription requests, again (§3.1.3). */
    void pendingRequests(BareJid user, String resource) {
        for (SubscriptionRequest request : requests.pendingFor(user)) {
            router.deliverTo(user, resource, StanzaXml.parse(request.stanza()));
        }
    }
}
