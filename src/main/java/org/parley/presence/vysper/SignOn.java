package org.parley.presence.vysper;

import java.util.List;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceRegistry;
import org.parley.offline.OfflineDelivery;
import org.parley.offline.OfflineMessage;
import org.parley.offline.OfflineStore;
import org.parley.subscription.SubscriptionRequest;
import org.parley.subscription.SubscriptionRequestStore;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.StanzaXml;
import org.parley.xmpp.vysper.UserResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a resource receives after its initial presence: the pending subscription requests, again, until they are
 * answered (RFC 6121 §3.1.3), and the messages held in offline storage (XEP-0160 §3), in order, each with a
 * XEP-0203 delay stamp, if its priority is not negative ("the server MUST NOT deliver ... to a resource with a
 * negative priority").
 */
final class SignOn {

    private static final Logger LOG = LoggerFactory.getLogger(SignOn.class);
    private static final int BATCH = 100;

    private final String domain;
    private final SubscriptionRequestStore requests;
    private final OfflineStore offline;
    private final StanzaRouter router;
    private volatile ResourceRegistry resources;

    SignOn(String domain, SubscriptionRequestStore requests, OfflineStore offline, StanzaRouter router) {
        this.domain = domain;
        this.requests = requests;
        this.offline = offline;
        this.router = router;
    }

    void attach(ResourceRegistry registry) {
        this.resources = registry;
    }

    void initialPresence(BareJid user, String resource, int priority) {
        for (SubscriptionRequest request : requests.pendingFor(user)) {
            router.deliverTo(user, resource, StanzaXml.parse(request.stanza()));
        }
        if (priority >= 0) {
            // on the user's lane: live messages queued after this one arrive after the stored ones
            router.onLane(user, () -> flush(user, resource));
        }
    }

    /** Delivers the stored messages, deleting each batch only after it was handed to the session. */
    private void flush(BareJid user, String resource) {
        int delivered = 0;
        while (true) {
            List<OfflineMessage> batch = offline.peek(user, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            SessionContext session = UserResources.session(resources, Jids.entity(user), resource);
            if (session == null || !user.equals(Jids.bare(session.getInitiatingEntity()))) {
                break; // gone: the rest waits for the next sign-on
            }
            for (OfflineMessage message : batch) {
                Stanza stanza = StanzaXml.parse(OfflineDelivery.withDelay(message.stanza(), domain,
                        message.receivedAt()));
                session.getResponseWriter().write(stanza);
            }
            offline.delete(user, batch.get(batch.size() - 1).id());
            delivered += batch.size();
        }
        if (delivered > 0) {
            LOG.debug("delivered {} offline messages to {}/{}", delivered, user, resource);
        }
    }
}
