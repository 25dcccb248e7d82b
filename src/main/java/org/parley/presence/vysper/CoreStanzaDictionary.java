package org.parley.presence.vysper;

import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.StanzaHandler;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.xmpp.vysper.FixedHandlerDictionary;

/**
 * Sends every {@code <presence/>} and {@code <message/>}, and every IQ addressed to a user's full JID (or an IQ
 * response to a user), to Parley's handlers, matching on the stanza's <em>name</em>. Vysper's namespace dictionaries
 * route a stanza with exactly one child by that child's namespace, so a presence carrying a single extension could
 * otherwise miss a {@code jabber:client} dictionary and reach Vysper's built-in RFC 3921-draft handler (style.md §2.4,
 * coupling 2). This dictionary is placed first, ahead of Vysper's own, so no presence or message ever reaches them.
 * IQs to the server or to a bare JID are left to the module dictionaries (roster, disco, ping, ...).
 */
public final class CoreStanzaDictionary extends FixedHandlerDictionary {

    private final StanzaHandler presence;
    private final StanzaHandler message;
    private final StanzaHandler iq;

    CoreStanzaDictionary(StanzaHandler presence, StanzaHandler message, StanzaHandler iq) {
        this.presence = presence;
        this.message = message;
        this.iq = iq;
    }


    @Override
    public StanzaHandler get(Stanza stanza) {
        switch (stanza.getName()) {
            case "presence":
                return presence;
            case "message":
                return message;
            case "iq":
                return routedIq(stanza) ? iq : null;
            default:
                return null;
        }
    }

    /** An IQ for a user's resource, or a response to a user: delivered, never answered by the server. */
    private static boolean routedIq(Stanza stanza) {
        Entity to;
        try {
            to = stanza.getTo();
        } catch (RuntimeException e) {
            return false; // a malformed 'to': Vysper's IQ handling answers it
        }
        if (to == null || !to.isNodeSet()) {
            return false;
        }
        String type = stanza.getAttributeValue("type");
        return to.isResourceSet() || "result".equals(type) || "error".equals(type);
    }
}
