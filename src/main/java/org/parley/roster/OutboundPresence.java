package org.parley.roster;

import java.util.Objects;
import org.parley.subscription.SubscriptionEvent;
import org.parley.xmpp.BareJid;

/**
 * A subscription presence stanza the user's server sends on the user's behalf, as a value: the roster service says
 * what to send, the presence layer routes it. RFC 6121 §3: "the server MUST stamp the outgoing presence stanza with
 * the bare JID &lt;localpart@domainpart&gt; of the sending entity", hence bare JIDs on both ends.
 *
 * @param from the user, as a bare JID
 * @param to the contact, as a bare JID
 * @param type the presence type
 */
public record OutboundPresence(BareJid from, BareJid to, SubscriptionEvent type) {

    public OutboundPresence {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(type, "type");
    }
}
