package org.parley.xmpp.vysper;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.vysper.xml.fragment.Attribute;
import org.apache.vysper.xml.fragment.Renderer;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.stanza.Stanza;

/**
 * A Vysper stanza as XML text and back, for stanzas that outlive the stream they came on: a pending inbound
 * subscription request (RFC 6121 §3.1.3 keeps the whole stanza), an offline message.
 *
 * <p>{@link #render} is Vysper's {@link Renderer}, which our transport's {@code StanzaEncoder} also writes with, so
 * the stored text is what a client would have received. It escapes {@code & < >} in text and {@code & < > "} in
 * attribute values (always written in double quotes) and passes every other character through, supplementary ones
 * included. It writes tab, line feed and carriage return literally, so in an attribute value they read back as
 * spaces (XML 1.0 §3.3.3) and a carriage return in text reads back as a line feed (§2.11); XMPP's own attributes
 * never hold them. It also names a namespaced attribute by looking its URI up among the declarations in scope,
 * which picks the wrong prefix when the same URI is also the default namespace; only {@code xml:lang} is common in
 * XMPP, and that one is always right.
 *
 * <p>{@link #parse} uses the JDK's StAX parser, not Vysper's nbxml reader, which unescapes {@code &amp;lt;} twice
 * and fails on adjacent character references. The tree it builds is the one Vysper's own decoder would have handed
 * to a handler, so {@code XMPPCoreStanza.getWrapper}, {@code PresenceStanza}, {@code getInnerElementsNamed} and
 * the like work on it.
 */
public final class StanzaXml {

    private static final String CLIENT = NamespaceURIs.JABBER_CLIENT;
    private static final String SERVER = NamespaceURIs.JABBER_SERVER;

    private StanzaXml() {}

    /**
     * Whether {@code child} is in its stanza's own namespace: unqualified, or {@code jabber:client} /
     * {@code jabber:server} as parsed. A {@code <body/>} or {@code <thread/>} in another namespace is an extension
     * that happens to share the name.
     */
    public static boolean inStanzaNamespace(XMLElement child) {
        String ns = child.getNamespaceURI();
        return ns == null || ns.isEmpty() || CLIENT.equals(ns) || SERVER.equals(ns);
    }

    /** Whether {@code message} has a {@code <body/>} (RFC 6121 §5.2.3), what a user reads. */
    public static boolean hasBody(XMLElement message) {
        for (XMLElement child : message.getInnerElements()) {
            if ("body".equals(child.getName()) && inStanzaNamespace(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The stanza as XML text, exactly as Vysper writes it to a client.
     *
     * @throws IllegalArgumentException if a text or attribute value holds a character XML 1.0 cannot carry (such as
     *     U+0000 or a lone surrogate). Vysper's reader accepts {@code &#1;} from a client and its renderer would write
     *     the character raw, so the stanza would be stored fine and fail to {@link #parse} at delivery; refusing it
     *     here keeps the failure with the code that can still answer the sender.
     */
    public static String render(Stanza stanza) {
        requireXmlChars(stanza);
        return new Renderer(stanza).getComplete();
    }

    /**
     * Reads one stanza's XML text, as {@link #render} or other XMPP software wrote it, into a Vysper stanza.
     *
     * <ul>
     *   <li>The stanza is read as if it came on a client stream: an element in no namespace, and every unprefixed
     *       element below it that has no {@code xmlns} of its own, is in {@code jabber:client}. A stanza in
     *       {@code jabber:server} is re-scoped to {@code jabber:client}, as RFC 6120 §4.8.3 requires before
     *       delivering it to a client. A root in any other namespace is refused.
     *   <li>Children in other namespaces keep them. Prefixes and namespace declarations stay on the element that
     *       wrote them, so {@link #render} gives back equivalent text.
     *   <li>Character data between two tags becomes one {@link XMLText}, whether it was written as text, CDATA or
     *       character references, because Vysper's {@code getSingleInnerText} (behind {@code getBody},
     *       {@code getStatus}) fails on two. Whitespace between elements is kept. Comments and processing
     *       instructions are dropped: RFC 6120 §11.1 forbids them in a stream, so they could not be sent on.
     * </ul>
     *
     * @throws IllegalArgumentException if the text is not well-formed XML, has a DTD (and so any entity other than
     *     the five predefined ones), is not exactly one root element, or the root is not in {@code jabber:client}
     */
    public static Stanza parse(String xml) {
        Objects.requireNonNull(xml, "xml");
        try {
            XMLStreamReader reader = inputFactory().createXMLStreamReader(new StringReader(xml));
            try {
                return read(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            // the parser's message gives the position; the text itself may be a private message, so it is not quoted
            throw new IllegalArgumentException("malformed stanza XML: " + e.getMessage(), e);
        }
    }

    private static XMLInputFactory inputFactory() {
        // the JDK's own implementation, whatever else is on the class path, so these properties mean what they say;
        // one per call, as the JDK does not promise a shared factory is thread-safe and making one is cheap
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static Stanza read(XMLStreamReader reader) throws XMLStreamException {
        Deque<OpenElement> open = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        Stanza stanza = null;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (stanza != null) {
                        throw new IllegalArgumentException("more than one root element");
                    }
                    flushText(open, text);
                    open.push(OpenElement.start(reader, open.peek()));
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    flushText(open, text);
                    OpenElement closed = open.pop();
                    if (open.isEmpty()) {
                        stanza = closed.toStanza();
                    } else {
                        open.peek().children.add(closed.toElement());
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        text.append(reader.getText());
                    } else if (!reader.isWhiteSpace()) {
                        throw new IllegalArgumentException("text outside the root element");
                    }
                }
                // SUPPORT_DTD=false skips a DTD rather than failing on it; refuse it ourselves
                case XMLStreamConstants.DTD -> throw new IllegalArgumentException("a stanza may not have a DTD");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new IllegalArgumentException("undeclared entity &" + reader.getLocalName() + ";");
                default -> {
                    // comments and processing instructions are dropped (see parse); the document's start and end
                    // carry nothing
                }
            }
        }
        if (stanza == null) {
            throw new IllegalArgumentException("no root element");
        }
        return stanza;
    }

    private static void flushText(Deque<OpenElement> open, StringBuilder text) {
        if (!text.isEmpty()) {
            open.element().children.add(new XMLText(text.toString()));
            text.setLength(0);
        }
    }

    private static void requireXmlChars(XMLElement element) {
        for (Attribute attribute : element.getAttributes()) {
            requireXmlChars(attribute.getValue(), element);
        }
        for (XMLFragment fragment : element.getInnerFragments()) {
            if (fragment instanceof XMLElement child) {
                requireXmlChars(child);
            } else if (fragment instanceof XMLText text) {
                requireXmlChars(text.getText(), element);
            }
        }
    }

    private static void requireXmlChars(String value, XMLElement where) {
        value.codePoints().filter(c -> !isXmlChar(c)).findFirst().ifPresent(c -> {
            throw new IllegalArgumentException(String.format(
                    "<%s> holds U+%04X, which XML 1.0 cannot carry", where.getName(), c));
        });
    }

    /** XML 1.0 §2.2, production [2] {@code Char}. */
    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** An element whose end tag has not been read yet: its children are collected, then it is built once. */
    private static final class OpenElement {
        private final String namespaceUri;
        private final String name;
        private final String prefix;
        private final List<Attribute> attributes;
        private final Map<String, String> namespaces;
        private final List<XMLFragment> children = new ArrayList<>();
        /** Whether an {@code xmlns=''} below the root is in scope, leaving unprefixed names in no namespace. */
        private final boolean defaultUndeclared;
        /** Whether the stanza came in {@code jabber:server}, which is read as {@code jabber:client}. */
        private final boolean rescoped;

        private OpenElement(String namespaceUri, String name, String prefix, List<Attribute> attributes,
                Map<String, String> namespaces, boolean defaultUndeclared, boolean rescoped) {
            this.namespaceUri = namespaceUri;
            this.name = name;
            this.prefix = prefix;
            this.attributes = attributes;
            this.namespaces = namespaces;
            this.defaultUndeclared = defaultUndeclared;
            this.rescoped = rescoped;
        }

        /** The element at the reader's start tag; {@code parent} is null for the root. */
        static OpenElement start(XMLStreamReader reader, OpenElement parent) {
            boolean root = parent == null;
            boolean defaultUndeclared = !root && parent.defaultUndeclared;
            Map<String, String> declared = new LinkedHashMap<>();
            for (int i = 0; i < reader.getNamespaceCount(); i++) {
                String declaredPrefix = orEmpty(reader.getNamespacePrefix(i));
                String uri = orEmpty(reader.getNamespaceURI(i));
                if (declaredPrefix.isEmpty()) {
                    if (root && uri.isEmpty()) {
                        // xmlns='' on the root says no more than leaving it out: the stanza is jabber:client
                        continue;
                    }
                    defaultUndeclared = uri.isEmpty();
                }
                declared.put(declaredPrefix, uri);
            }
            String prefix = orEmpty(reader.getPrefix());
            String uri = orEmpty(reader.getNamespaceURI());
            if (uri.isEmpty() && prefix.isEmpty() && !defaultUndeclared) {
                // what the client stream's xmlns='jabber:client' would have given it
                uri = CLIENT;
            }
            boolean rescoped = root ? SERVER.equals(uri) : parent.rescoped;
            if (root && !rescoped && !CLIENT.equals(uri)) {
                throw new IllegalArgumentException(
                        "the root <" + reader.getLocalName() + "> is in '" + uri + "', not jabber:client");
            }
            declared.replaceAll((p, u) -> rescope(u, rescoped));
            List<Attribute> attributes = new ArrayList<>(reader.getAttributeCount());
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                attributes.add(new Attribute(rescope(orEmpty(reader.getAttributeNamespace(i)), rescoped),
                        reader.getAttributeLocalName(i), reader.getAttributeValue(i)));
            }
            return new OpenElement(rescope(uri, rescoped), reader.getLocalName(), prefix, attributes, declared,
                    defaultUndeclared, rescoped);
        }

        private static String rescope(String uri, boolean rescoped) {
            return rescoped && SERVER.equals(uri) ? CLIENT : uri;
        }

        XMLElement toElement() {
            return new XMLElement(namespaceUri, name, prefix, attributes, children, namespaces);
        }

        Stanza toStanza() {
            return new Stanza(namespaceUri, name, prefix, attributes, children, namespaces);
        }
    }
}
