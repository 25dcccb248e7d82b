package org.parley.presence.vysper;

import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.StanzaHandler;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.xmpp.vysper.FixedHandlerDictionary;

/**
 * The last dictionary in the lookup: an IQ request addressed to a user's bare JID that no module serves (roster,
 * disco, ping, ... come first) goes to Parley's router, which answers it on the user's behalf (RFC 6121 §8.5.2.1.3:
 * {@code service-unavailable}) from the address the request went to. Vysper's fallback answered from the server's
 * domain, and Smack drops such a reply as spoofed, so a client asking for a contact's vCard waited for a timeout.
 */
public final class BareJidIqDictionary extends FixedHandlerDictionary {

    private final StanzaHandler iq;

    BareJidIqDictionary(StanzaHandler iq) {
        this.iq = iq;
    }


    @Override
    public StanzaHandler get(Stanza stanza) {
        if (!"iq".equals(stanza.getName())) {
            return null;
        }
        Entity to;
        try {
            to = stanza.getTo();
        } catch (RuntimeException e) {
            return null;
        }
        return to != null && to.isNodeSet() && !to.isResourceSet() ? iq : null;
    }
}
