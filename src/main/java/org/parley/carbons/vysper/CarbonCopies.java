package org.parley.carbons.vysper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.vysper.xml.fragment.Attribute;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.parley.carbons.CarbonRules;
import org.parley.carbons.MessageFacts;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.StanzaXml;

/**
 * Reads a message stanza for {@link CarbonRules} and builds the XEP-0280 copies: a message from the user's bare JID
 * to one resource, same type, holding {@code <sent/>} or {@code <received/>} with the original in a XEP-0297
 * {@code <forwarded/>} (§7, §8). The original is copied as it is, whatever another listener added before (the
 * archive's {@code <stanza-id/>}).
 */
final class CarbonCopies {

    private CarbonCopies() {}

    /** The facts about a message, {@code generatedByServer} when it is the server's bounce. */
    static MessageFacts facts(Stanza message, MessageFacts.Direction direction, boolean generatedByServer) {
        Set<String> elements = new HashSet<>();
        boolean body = false;
        for (XMLElement child : message.getInnerElements()) {
            String ns = child.getNamespaceURI();
            if ("body".equals(child.getName()) && StanzaXml.inStanzaNamespace(child)) {
                body = true;
            }
            elements.add(MessageFacts.element(ns, child.getName()));
            if (CarbonRules.MUC_USER.equals(ns) && "x".equals(child.getName())
                    && !child.getInnerElementsNamed("invite").isEmpty()) {
                elements.add(CarbonRules.MUC_INVITE);
            }
        }
        Entity from = message.getFrom();
        boolean fromClient = direction == MessageFacts.Direction.SENT
                || from != null && from.isNodeSet() && from.isResourceSet();
        return new MessageFacts(direction, message.getAttributeValue("type"), body, fromClient, generatedByServer,
                elements);
    }

    /**
     * The {@code <sent/>} copy of what {@code sender} (the session's full JID, whatever 'from' the client wrote)
     * sent, for {@code resource} of {@code user}; the copy carries the original with {@code sender} as 'from'.
     */
    static Stanza sent(Stanza original, Entity sender, BareJid user, String resource) {
        return wrap("sent", withFrom(original, sender), user, resource);
    }

    /** The {@code <received/>} copy of a message routed to {@code user}, for their {@code resource}. */
    static Stanza received(Stanza original, BareJid user, String resource) {
        return wrap("received", original, user, resource);
    }

    /**
     * The message without its {@code <private xmlns='urn:xmpp:carbons:2'/>}, which the receiving server SHOULD
     * remove (§9); null when it has none.
     */
    static Stanza withoutPrivate(Stanza message) {
        List<XMLFragment> kept = new ArrayList<>();
        boolean found = false;
        for (XMLFragment fragment : message.getInnerFragments()) {
            if (fragment instanceof XMLElement e && "private".equals(e.getName())
                    && CarbonRules.NAMESPACE.equals(e.getNamespaceURI())) {
                found = true;
            } else {
                kept.add(fragment);
            }
        }
        if (!found) {
            return null;
        }
        return new StanzaBuilder(message.getName(), message.getNamespaceURI(), message.getNamespacePrefix(),
                message.getAttributes(), message.getDeclaredNamespaces(), kept).build();
    }

    private static Stanza wrap(String kind, Stanza original, BareJid user, String resource) {
        StanzaBuilder builder = new StanzaBuilder("message", NamespaceURIs.JABBER_CLIENT)
                .addAttribute("from", Jids.entity(user).getFullQualifiedName())
                .addAttribute("to", Jids.full(user, resource).getFullQualifiedName());
        String type = original.getAttributeValue("type");
        if (type != null) {
            builder.addAttribute("type", type); // §7, §8: the wrapper SHOULD keep the original's type
        }
        return builder.startInnerElement(kind, CarbonRules.NAMESPACE)
                .startInnerElement("forwarded", CarbonRules.FORWARD)
                .addPreparedElement(original)
                .endInnerElement()
                .endInnerElement()
                .build();
    }

    private static Stanza withFrom(Stanza original, Entity sender) {
        String full = sender.getFullQualifiedName();
        if (full.equals(original.getAttributeValue("from"))) {
            return original;
        }
        List<Attribute> attributes = new ArrayList<>();
        for (Attribute a : original.getAttributes()) {
            if (!("from".equals(a.getName()) && (a.getNamespaceUri() == null || a.getNamespaceUri().isEmpty()))) {
                attributes.add(a);
            }
        }
        attributes.add(new Attribute("from", full));
        return new StanzaBuilder(original.getName(), original.getNamespaceURI(), original.getNamespacePrefix(),
                attributes, original.getDeclaredNamespaces(), original.getInnerFragments()).build();
    }
}
