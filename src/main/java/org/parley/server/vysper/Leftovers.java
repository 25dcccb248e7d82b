package org.parley.server.vysper;

import java.util.ArrayList;
import java.util.List;
import org.apache.vysper.xml.fragment.Attribute;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.MessageStanza;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.offline.OfflineDelivery;
import org.parley.streammgmt.UnackedQueue;

/**
 * What becomes of the stanzas a managed session (XEP-0198) sent or kept and the client never acknowledged, when the
 * session ends for good (ADR 0021). The router routes the result again as undelivered:
 * <ul>
 *   <li>a message goes to another resource (RFC 6121 §8.5), else offline storage, else it bounces; it gets an
 *       XEP-0203 {@code <delay/>} stamped with the time the server first queued it, unless this server already
 *       delayed it (it came from offline storage): there is one delay, the original;</li>
 *   <li>an IQ request goes to the ended session's full JID, which no longer exists: the router answers its sender
 *       with {@code service-unavailable} (RFC 6121 §8.5.3.2.1, RFC 6120 §8.3.3.19);</li>
 *   <li>presence and IQ responses are dropped: the contact's next presence supersedes them, and a response to a
 *       client that is gone has no one to read it.</li>
 * </ul>
 */
final class Leftovers {

    private Leftovers() {}

    static List<Stanza> toReroute(List<UnackedQueue.Entry<Stanza>> unacked, String domain) {
        List<Stanza> out = new ArrayList<>(unacked.size());
        for (UnackedQueue.Entry<Stanza> entry : unacked) {
            Stanza stanza = entry.stanza();
            if (MessageStanza.isOfType(stanza)) {
                out.add(hasDelay(stanza, domain) ? stanza
                        : withDelay(stanza, domain, OfflineDelivery.delayStamp(entry.queuedAt())));
            } else if (IQStanza.isOfType(stanza) && isRequest(stanza.getAttributeValue("type"))) {
                out.add(stanza);
            }
        }
        return out;
    }

    private static boolean isRequest(String type) {
        return "get".equals(type) || "set".equals(type);
    }

    private static boolean hasDelay(Stanza stanza, String domain) {
        for (XMLElement delay : stanza.getInnerElementsNamed("delay", OfflineDelivery.DELAY_NAMESPACE)) {
            if (domain.equals(delay.getAttributeValue("from"))) {
                return true;
            }
        }
        return false;
    }

    private static Stanza withDelay(Stanza stanza, String domain, String stamp) {
        List<XMLFragment> inner = new ArrayList<>(stanza.getInnerFragments());
        inner.add(new XMLElement(OfflineDelivery.DELAY_NAMESPACE, "delay", null,
                List.of(new Attribute("from", domain), new Attribute("stamp", stamp)), List.of()));
        return new Stanza(stanza.getNamespaceURI(), stanza.getName(), stanza.getNamespacePrefix(),
                stanza.getAttributes(), inner, stanza.getDeclaredNamespaces());
    }
}
