package org.parley.csi.vysper;

import java.util.Set;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.MessageStanza;
import org.apache.vysper.xmpp.stanza.PresenceStanza;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.csi.Outgoing;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.StanzaXml;

/** Reads a stanza on its way to one resource into what the rule table ({@link org.parley.csi.Urgency}) needs. */
final class OutgoingStanzas {

    static final String CARBONS = "urn:xmpp:carbons:2";
    static final String FORWARD = "urn:xmpp:forward:0";
    static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    static final String PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";

    /**
     * What may ride along with a chat state without making the message something to read: a thread (RFC 6121
     * §5.2.5), stanza ids (XEP-0359), processing hints (XEP-0334), a delay stamp (XEP-0203).
     */
    private static final Set<String> CHAT_STATE_COMPANIONS = Set.of("urn:xmpp:sid:0", "urn:xmpp:hints",
            "urn:xmpp:delay");

    private OutgoingStanzas() {}

    /** {@code stanza} as it would be written to {@code resource}. */
    static Outgoing of(Stanza stanza, String resource) {
        Entity from = stanza.getFrom();
        Entity to = stanza.getTo();
        boolean toFull = to != null && to.isResourceSet() && resource.equals(to.getResource());
        String type = stanza.getAttributeValue("type");
        String fromText = from == null ? null : from.getFullQualifiedName();
        String fromBare = from == null ? null : bare(from);
        if (MessageStanza.isOfType(stanza)) {
            XMLElement carbon = carbon(stanza);
            return new Outgoing(Outgoing.Kind.MESSAGE, type, fromText, fromBare, toFull, StanzaXml.hasBody(stanza),
                    carbon != null, carbon != null && forwardsBody(carbon), chatStateOnly(stanza),
                    !stanza.getInnerElementsNamed("event", PUBSUB_EVENT).isEmpty());
        }
        Outgoing.Kind kind = PresenceStanza.isOfType(stanza) ? Outgoing.Kind.PRESENCE
                : IQStanza.isOfType(stanza) ? Outgoing.Kind.IQ : Outgoing.Kind.OTHER;
        return new Outgoing(kind, type, fromText, fromBare, toFull, false, false, false, false, false);
    }

    /** The canonical bare JID as text, so it compares equal to the user's own; a domain as written. */
    private static String bare(Entity from) {
        return Jids.user(from).map(Object::toString).orElse(from.getBareJID().getFullQualifiedName());
    }

    /** The XEP-0280 {@code <received/>} or {@code <sent/>} wrapper, or null. */
    private static XMLElement carbon(Stanza message) {
        for (XMLElement child : message.getInnerElements()) {
            if (CARBONS.equals(child.getNamespaceURI())
                    && ("received".equals(child.getName()) || "sent".equals(child.getName()))) {
                return child;
            }
        }
        return null;
    }

    /** Whether a carbon wrapper forwards (XEP-0297) a message with a body. */
    private static boolean forwardsBody(XMLElement carbon) {
        for (XMLElement forwarded : carbon.getInnerElementsNamed("forwarded", FORWARD)) {
            for (XMLElement inner : forwarded.getInnerElements()) {
                if ("message".equals(inner.getName()) && StanzaXml.hasBody(inner)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A chat state (XEP-0085) and nothing a user reads or a client must act on. */
    private static boolean chatStateOnly(XMLElement message) {
        boolean state = false;
        for (XMLElement child : message.getInnerElements()) {
            String ns = child.getNamespaceURI();
            if (CHAT_STATES.equals(ns)) {
                state = true;
            } else if (!("thread".equals(child.getName()) && StanzaXml.inStanzaNamespace(child))
                    && !CHAT_STATE_COMPANIONS.contains(ns)) {
                return false;
            }
        }
        return state;
    }
}
