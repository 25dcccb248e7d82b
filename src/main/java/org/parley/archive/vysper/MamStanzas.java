package org.parley.archive.vysper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.vysper.xml.fragment.Attribute;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.archive.Archivability;
import org.parley.archive.ArchiveError;
import org.parley.archive.ArchiveException;
import org.parley.archive.Rsm;
import org.parley.xmpp.vysper.StanzaXml;

/** XML of XEP-0313, XEP-0059, XEP-0359 and XEP-0334 as the archive reads and writes it. */
final class MamStanzas {

    static final String MAM = "urn:xmpp:mam:2";
    static final String MAM_EXTENDED = MAM + "#extended";
    static final String RSM = "http://jabber.org/protocol/rsm";
    static final String DATA = "jabber:x:data";
    static final String SID = "urn:xmpp:sid:0";
    static final String HINTS = "urn:xmpp:hints";
    static final String FORWARD = "urn:xmpp:forward:0";
    static final String CLIENT = "jabber:client";

    private MamStanzas() {}

    /** The first child element of {@code parent} called {@code name} in {@code namespace}, if any. */
    static Optional<XMLElement> child(XMLElement parent, String name, String namespace) {
        for (XMLElement e : parent.getInnerElements()) {
            if (e.getName().equals(name) && namespace.equals(e.getNamespaceURI())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The fields of the data form under {@code query}: var → values; empty without a form. */
    static Map<String, List<String>> formFields(XMLElement query) throws ArchiveException {
        Optional<XMLElement> x = child(query, "x", DATA);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (x.isEmpty()) {
            return fields;
        }
        String type = x.get().getAttributeValue("type");
        if (type != null && !type.equals("submit")) {
            throw new ArchiveException(ArchiveError.BAD_REQUEST, "the query form must be of type 'submit'");
        }
        for (XMLElement field : x.get().getInnerElementsNamed("field", DATA)) {
            String var = field.getAttributeValue("var");
            if (var == null || fields.containsKey(var)) {
                throw new ArchiveException(ArchiveError.BAD_REQUEST, "a form field without 'var', or twice");
            }
            List<String> values = new ArrayList<>();
            for (XMLElement value : field.getInnerElementsNamed("value", DATA)) {
                values.add(text(value));
            }
            fields.put(var, values);
        }
        return fields;
    }

    /** The XEP-0059 {@code <set/>} under {@code query}. */
    static Rsm rsm(XMLElement query) throws ArchiveException {
        Optional<XMLElement> set = child(query, "set", RSM);
        if (set.isEmpty()) {
            return Rsm.NONE;
        }
        if (child(set.get(), "index", RSM).isPresent()) {
            throw new ArchiveException(ArchiveError.FEATURE_NOT_IMPLEMENTED, "RSM <index/> is not supported");
        }
        Integer max = null;
        Optional<XMLElement> maxElement = child(set.get(), "max", RSM);
        if (maxElement.isPresent()) {
            try {
                max = Integer.parseInt(text(maxElement.get()).trim());
            } catch (NumberFormatException e) {
                throw new ArchiveException(ArchiveError.BAD_REQUEST, "RSM <max/> is not a number");
            }
        }
        String after = child(set.get(), "after", RSM).map(MamStanzas::text).map(String::trim).orElse(null);
        String before = child(set.get(), "before", RSM).map(MamStanzas::text).map(String::trim).orElse(null);
        return new Rsm(max, after, before);
    }

    /** The character data of {@code element}, "" for none. */
    static String text(XMLElement element) {
        StringBuilder s = new StringBuilder();
        for (XMLText t : element.getInnerTexts()) {
            s.append(t.getText());
        }
        return s.toString();
    }

    /** What {@link Archivability} reads of a message. */
    static Archivability.Message facts(Stanza message) {
        boolean body = false;
        boolean store = false;
        boolean noStore = false;
        boolean noPermanentStore = false;
        for (XMLElement e : message.getInnerElements()) {
            String ns = e.getNamespaceURI();
            if (e.getName().equals("body") && StanzaXml.inStanzaNamespace(e)) {
                body = true;
            } else if (HINTS.equals(ns)) {
                store |= e.getName().equals("store");
                noStore |= e.getName().equals("no-store");
                noPermanentStore |= e.getName().equals("no-permanent-store");
            }
        }
        return new Archivability.Message(message.getAttributeValue("type"), body, store, noStore, noPermanentStore);
    }

    /**
     * {@code message} without the XEP-0359 {@code <stanza-id/>} elements whose 'by' is one of {@code archives}
     * (XEP-0359 §5: an entity that adds stanza-ids MUST remove those claiming to be its own), or the same stanza
     * when it has none.
     */
    static Stanza withoutStanzaIds(Stanza message, List<String> archives) {
        List<XMLFragment> kept = new ArrayList<>();
        boolean dropped = false;
        for (XMLFragment f : message.getInnerFragments()) {
            if (f instanceof XMLElement e && e.getName().equals("stanza-id") && SID.equals(e.getNamespaceURI())
                    && archives.contains(e.getAttributeValue("by"))) {
                dropped = true;
            } else {
                kept.add(f);
            }
        }
        return dropped ? copy(message, kept) : message;
    }

    /** {@code message} with {@code <stanza-id xmlns='urn:xmpp:sid:0' by='…' id='…'/>} added. */
    static Stanza withStanzaId(Stanza message, String by, String id) {
        List<XMLFragment> children = new ArrayList<>(message.getInnerFragments());
        children.add(new XMLElement(SID, "stanza-id", null,
                List.of(new Attribute("by", by), new Attribute("id", id)), List.of()));
        return copy(message, children);
    }

    /** The archive id {@code by} gave {@code message}, if it carries one. */
    static Optional<String> stanzaId(Stanza message, String by) {
        for (XMLElement e : message.getInnerElements()) {
            if (e.getName().equals("stanza-id") && SID.equals(e.getNamespaceURI())
                    && by.equals(e.getAttributeValue("by"))) {
                return Optional.ofNullable(e.getAttributeValue("id"));
            }
        }
        return Optional.empty();
    }

    private static Stanza copy(Stanza message, List<XMLFragment> children) {
        return new Stanza(message.getNamespaceURI(), message.getName(), message.getNamespacePrefix(),
                message.getAttributes(), children, message.getDeclaredNamespaces());
    }
}
