package org.parley.presence.vysper;

import java.util.Optional;
import java.util.function.Predicate;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.StanzaHandler;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.FixedHandlerDictionary;
import org.parley.xmpp.vysper.Jids;

/**
 * Sends every {@code <presence/>} and {@code <message/>}, and every IQ addressed to a user's full JID (or an IQ
 * response to a user), to Parley's handlers, matching on the stanza's <em>name</em>. Vysper's namespace dictionaries
 * route a stanza with exactly one child by that child's namespace, so a presence carrying a single extension could
 * otherwise miss a {@code jabber:client} dictionary and reach Vysper's built-in RFC 3921-draft handler (style.md §2.4,
 * coupling 2). This dictionary is placed first, ahead of Vysper's own, so no presence or message ever reaches them.
 * IQs to the server or to an account's bare JID are left to the module dictionaries (roster, disco, ping, ...); but
 * an IQ request to the bare JID of a local account that does not exist goes to the router, which returns
 * {@code service-unavailable} from that JID (RFC 6121 §8.5.1): Vysper's ping and time modules answer any bare JID.
 */
public final class CoreStanzaDictionary extends FixedHandlerDictionary {

    private final StanzaHandler presence;
    private final StanzaHandler message;
    private final StanzaHandler iq;
    private final String domain;
    private final Predicate<BareJid> accountExists;

    /**
     * @param domain the server's domain: only its accounts are checked
     * @param accountExists whether a bare JID of {@code domain} is an account
     */
    CoreStanzaDictionary(StanzaHandler presence, StanzaHandler message, StanzaHandler iq, String domain,
            Predicate<BareJid> accountExists) {
        this.presence = presence;
        this.message = message;
        this.iq = iq;
        this.domain = domain;
        this.accountExists = accountExists;
    }


    @Override
    public StanzaHandler get(Stanza stanza) {
        switch (stanza.getName()) {
            case "presence":
                return presence;
            case "message":
                return message;
            case "iq":
                return routedIq(stanza) || toNoSuchUser(stanza) ? iq : null;
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

    /**
     * An IQ request to the bare JID of a local account that does not exist (RFC 6121 §8.5.1: "For an IQ stanza, the
     * server MUST return a &lt;service-unavailable/&gt; stanza error to the sender"). Checked here, ahead of the
     * modules, because Vysper's ping (XEP-0199) and time (XEP-0202) handlers answer an IQ to any bare JID with a
     * result; Parley's own account handlers (roster, PEP, disco on an account) check the account themselves.
     */
    private boolean toNoSuchUser(Stanza stanza) {
        Entity to;
        try {
            to = stanza.getTo();
        } catch (RuntimeException e) {
            return false;
        }
        if (to == null || !to.isNodeSet() || to.isResourceSet() || !domain.equals(to.getDomain())) {
            return false;
        }
        Optional<BareJid> user = Jids.user(to);
        return user.isPresent() && !accountExists.test(user.get());
    }
}
