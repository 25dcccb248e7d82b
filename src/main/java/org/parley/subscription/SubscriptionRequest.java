package org.parley.subscription;

import java.time.Instant;
import java.util.Objects;
import org.parley.xmpp.BareJid;

/**
 * A presence subscription request a user has not answered yet: the "Request" of the seed design (issue 3 item 6).
 * RFC 6121 §3.1.3 has the server keep the complete stanza and deliver it again whenever the user signs on, until
 * the user approves or denies it.
 *
 * @param from who asks to see the user's presence
 * @param to the local user who is asked
 * @param stanza the complete {@code <presence type='subscribe'/>} stanza as XML text, exactly as stored
 * @param receivedAt when the server received it
 */
public record SubscriptionRequest(BareJid from, BareJid to, String stanza, Instant receivedAt) {

    public SubscriptionRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(stanza, "stanza");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
