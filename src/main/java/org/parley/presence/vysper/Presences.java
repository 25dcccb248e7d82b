package org.parley.presence.vysper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.vysper.xml.fragment.Attribute;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.offline.OfflineDelivery;

/** Small stanza operations of the presence layer: re-addressing, generated presences, priority, delay stamps. */
final class Presences {

    private Presences() {}

    /** The stanza with {@code from} and {@code to} replaced; a null {@code to} removes the attribute. */
    static Stanza addressed(Stanza stanza, Entity from, Entity to) {
        List<Attribute> attributes = new ArrayList<>();
        for (Attribute attribute : stanza.getAttributes()) {
            if (attribute.getNamespaceUri() != null && !attribute.getNamespaceUri().isEmpty()
                    || !attribute.getName().equals("from") && !attribute.getName().equals("to")) {
                attributes.add(attribute);
            }
        }
        if (from != null) {
            attributes.add(new Attribute("from", from.getFullQualifiedName()));
        }
        if (to != null) {
            attributes.add(new Attribute("to", to.getFullQualifiedName()));
        }
        return new Stanza(stanza.getNamespaceURI(), stanza.getName(), stanza.getNamespacePrefix(), attributes,
                stanza.getInnerFragments(), stanza.getDeclaredNamespaces());
    }

    /** The stanza with {@code to} replaced, {@code from} kept. */
    static Stanza to(Stanza stanza, Entity to) {
        return addressed(stanza, stanza.getFrom(), to);
    }

    /** {@code <presence from to type/>} without children, as the server generates it. */
    static Stanza generated(Entity from, Entity to, String type) {
        List<Attribute> attributes = new ArrayList<>(3);
        attributes.add(new Attribute("from", from.getFullQualifiedName()));
        attributes.add(new Attribute("to", to.getFullQualifiedName()));
        if (type != null) {
            attributes.add(new Attribute("type", type));
        }
        return new Stanza(NamespaceURIs.JABBER_CLIENT, "presence", null, attributes, List.of());
    }

    /** The stanza with a XEP-0203 {@code <delay/>} child: it was sent, or received, at {@code at}. */
    static Stanza delayed(Stanza stanza, String domain, Instant at) {
        List<XMLFragment> inner = new ArrayList<>(stanza.getInnerFragments());
        inner.add(new XMLElement(OfflineDelivery.DELAY_NAMESPACE, "delay", null,
                List.of(new Attribute("from", domain), new Attribute("stamp", OfflineDelivery.delayStamp(at))),
                List.of()));
        return new Stanza(stanza.getNamespaceURI(), stanza.getName(), stanza.getNamespacePrefix(),
                stanza.getAttributes(), inner, stanza.getDeclaredNamespaces());
    }

    /**
     * The presence priority (RFC 6121 §4.7.2.3): an integer -128..127, 0 when absent.
     *
     * @return null when the element is repeated or not such an integer (the caller answers {@code bad-request})
     */
    static Integer priority(Stanza presence) {
        List<XMLElement> elements = presence.getInnerElementsNamed("priority");
        if (elements.isEmpty()) {
            return 0;
        }
        if (elements.size() > 1) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (XMLText part : elements.get(0).getInnerTexts()) {
            text.append(part.getText());
        }
        try {
            int priority = Integer.parseInt(text.toString().strip());
            return priority < -128 || priority > 127 ? null : priority;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
