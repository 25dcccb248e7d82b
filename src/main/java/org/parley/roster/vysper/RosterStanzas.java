package org.parley.roster.vysper;

import java.util.ArrayList;
import java.util.List;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLSemanticError;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.parley.roster.RosterItem;
import org.parley.roster.RosterPush;
import org.parley.roster.RosterSetRequest;

/** The {@code jabber:iq:roster} wire format (RFC 6121 §2.1) to and from Parley's roster records. */
final class RosterStanzas {

    static final String NAMESPACE = "jabber:iq:roster";

    private RosterStanzas() {}

    /** Adds {@code <item/>} for a roster item (§2.1.2): jid, name, subscription, ask, approved, groups. */
    static void addItem(StanzaBuilder builder, RosterItem item) {
        builder.startInnerElement("item", NAMESPACE).addAttribute("jid", item.contact().toString());
        if (item.name() != null) {
            builder.addAttribute("name", item.name());
        }
        builder.addAttribute("subscription", item.subscription().rosterSubscription());
        if (item.subscription().pendingOut()) {
            builder.addAttribute("ask", "subscribe");
        }
        if (item.approved()) {
            builder.addAttribute("approved", "true");
        }
        for (String group : item.groups()) {
            builder.startInnerElement("group", NAMESPACE).addText(group).endInnerElement();
        }
        builder.endInnerElement();
    }

    /** Adds the item of a push: the item, or {@code <item jid='...' subscription='remove'/>} (§2.5.2). */
    static void addPushItem(StanzaBuilder builder, RosterPush push) {
        if (push instanceof RosterPush.Update update) {
            addItem(builder, update.item());
        } else {
            builder.startInnerElement("item", NAMESPACE)
                    .addAttribute("jid", push.contact().toString())
                    .addAttribute("subscription", RosterPush.Removal.REMOVE)
                    .endInnerElement();
        }
    }

    /** The items of a roster set's {@code <query/>}, as the client sent them; validation is the service's. */
    static RosterSetRequest setRequest(XMLElement query) {
        List<RosterSetRequest.Item> items = new ArrayList<>();
        for (XMLElement item : query.getInnerElementsNamed("item")) {
            List<String> groups = new ArrayList<>();
            for (XMLElement group : item.getInnerElementsNamed("group")) {
                groups.add(text(group));
            }
            items.add(new RosterSetRequest.Item(item.getAttributeValue("jid"), item.getAttributeValue("name"),
                    groups, item.getAttributeValue("subscription")));
        }
        return new RosterSetRequest(items);
    }

    /** The element's text content, "" when empty. */
    private static String text(XMLElement element) {
        StringBuilder text = new StringBuilder();
        for (XMLText part : element.getInnerTexts()) {
            text.append(part.getText());
        }
        return text.toString();
    }

    /** The single {@code <query/>} child, or null. */
    static XMLElement query(XMLElement iq) {
        try {
            return iq.getSingleInnerElementsNamed("query");
        } catch (XMLSemanticError e) {
            return null;
        }
    }
}
