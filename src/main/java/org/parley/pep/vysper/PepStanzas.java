package org.parley.pep.vysper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.vysper.xml.fragment.Attribute;
import org.apache.vysper.xml.fragment.Renderer;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.parley.pep.AccessModel;
import org.parley.pep.NodeConfig;
import org.parley.pep.NodeConfigForm;
import org.parley.pep.PepItem;
import org.parley.xmpp.vysper.StanzaXml;

/** XML of XEP-0060 as PEP uses it: namespaces, data forms, payloads kept as text, and the pieces of answers. */
final class PepStanzas {

    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String OWNER = PUBSUB + "#owner";
    static final String EVENT = PUBSUB + "#event";
    static final String ERRORS = PUBSUB + "#errors";
    static final String DATA = "jabber:x:data";

    private PepStanzas() {}

    /** The first child element of {@code parent} called {@code name} in {@code namespace}, if any. */
    static Optional<XMLElement> child(XMLElement parent, String name, String namespace) {
        for (XMLElement e : parent.getInnerElements()) {
            if (e.getName().equals(name) && namespace.equals(e.getNamespaceURI())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The fields of the data form directly under {@code parent} (var → values), or an empty map without one. */
    static Map<String, List<String>> formFields(XMLElement parent) {
        return child(parent, "x", DATA).map(PepStanzas::fields).orElse(Map.of());
    }

    /** The fields of data form {@code x}: var → values, in document order. */
    static Map<String, List<String>> fields(XMLElement x) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (XMLElement field : x.getInnerElementsNamed("field", DATA)) {
            String var = field.getAttributeValue("var");
            if (var == null) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (XMLElement value : field.getInnerElementsNamed("value", DATA)) {
                values.add(text(value));
            }
            fields.put(var, values);
        }
        return fields;
    }

    /** The character data of {@code element}, "" for none. */
    static String text(XMLElement element) {
        StringBuilder s = new StringBuilder();
        for (XMLText t : element.getInnerTexts()) {
            s.append(t.getText());
        }
        return s.toString();
    }

    /**
     * The payload as the text it is stored as; empty when it does not survive a round trip (a prefix declared only
     * on an ancestor, say), which the caller refuses as an invalid payload rather than store something unreadable.
     */
    static Optional<String> payloadText(XMLElement payload) {
        String text = new Renderer(payload).getComplete();
        try {
            parsePayload(text);
            return Optional.of(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A stored payload, back as an element. */
    static XMLElement parsePayload(String text) {
        Stanza wrapper = StanzaXml.parse("<message xmlns='jabber:client'>" + text + "</message>");
        XMLElement payload = wrapper.getFirstInnerElement();
        if (payload == null || wrapper.getInnerElements().size() != 1) {
            throw new IllegalArgumentException("not one payload element");
        }
        return payload;
    }

    /** Adds {@code <item id='...'>payload</item>} in {@code namespace} to {@code builder}. */
    static void addItem(StanzaBuilder builder, String namespace, PepItem item, XMLElement payload) {
        builder.startInnerElement("item", namespace).addAttribute("id", item.id()).addPreparedElement(payload)
                .endInnerElement();
    }

    /** The node configuration form (XEP-0060 §16.4.4), of {@code type} "form" or "result". */
    static void addConfigForm(StanzaBuilder builder, NodeConfig config) {
        builder.startInnerElement("x", DATA).addAttribute("type", "form");
        field(builder, "FORM_TYPE", "hidden", null, List.of(NodeConfigForm.FORM_TYPE), List.of());
        List<String> models = new ArrayList<>();
        for (AccessModel model : AccessModel.values()) {
            models.add(model.wire());
        }
        field(builder, "pubsub#access_model", "list-single", "Who may retrieve items",
                List.of(config.accessModel().wire()), models);
        field(builder, "pubsub#max_items", "text-single", "Max # of items to persist",
                List.of(Integer.toString(config.maxItems())), List.of());
        field(builder, "pubsub#persist_items", "boolean", "Persist items to storage", List.of("1"), List.of());
        field(builder, "pubsub#deliver_payloads", "boolean", "Deliver payloads with event notifications",
                List.of("1"), List.of());
        field(builder, "pubsub#send_last_published_item", "list-single", "When to send the last published item",
                List.of("on_sub_and_presence"), List.of("on_sub_and_presence"));
        builder.endInnerElement();
    }

    private static void field(StanzaBuilder builder, String var, String type, String label, List<String> values,
            List<String> options) {
        builder.startInnerElement("field", DATA).addAttribute("var", var).addAttribute("type", type);
        if (label != null) {
            builder.addAttribute("label", label);
        }
        for (String option : options) {
            builder.startInnerElement("option", DATA).startInnerElement("value", DATA).addText(option)
                    .endInnerElement().endInnerElement();
        }
        for (String value : values) {
            builder.startInnerElement("value", DATA).addText(value).endInnerElement();
        }
        builder.endInnerElement();
    }

    /** The XEP-0060 application condition element, e.g. {@code <nodeid-required xmlns='...#errors'/>}. */
    static XMLElement errorCondition(String name, String feature) {
        List<Attribute> attributes = feature == null ? List.of() : List.of(new Attribute("feature", feature));
        return new XMLElement(ERRORS, name, null, attributes, List.of());
    }
}
