package org.parley.server.vysper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamReader;
import org.apache.vysper.xml.fragment.Attribute;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.stanza.Stanza;

/**
 * Builds Vysper elements from a namespace-aware StAX reader's events, one stanza at a time.
 *
 * <p>Each element keeps its own prefix and the namespace declarations written on it (so Vysper's {@code Renderer}
 * writes equivalent XML when the stanza is passed on), and its attributes with their namespace URIs (so
 * {@code xml:lang} is found under the XML namespace). Declarations are not repeated as {@code xmlns} attributes.
 * Character data between two tags becomes one {@link XMLText}, however the sender split it (text, CDATA, character
 * references, TCP reads), because Vysper's {@code getSingleInnerText} (behind {@code getBody}) fails on two.
 *
 * <p>Not thread-safe: one per connection, used by its decoder only.
 */
final class ElementStack {

    private final Deque<Open> open = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    /** Prefixes the stream header declared, which its stanzas may use but must carry when passed on alone. */
    private Map<String, String> inherited = Map.of();

    /**
     * The stream header at the reader's start tag, as a detached element. Its prefix declarations other than the
     * default namespace and {@code stream} are copied onto each stanza's root from now on: a stanza is rendered on
     * its own for its recipient, where an undeclared prefix would make the recipient's stream not well-formed.
     */
    Stanza header(XMLStreamReader reader) {
        Open header = Open.of(reader);
        Map<String, String> prefixes = new LinkedHashMap<>(header.namespaces());
        prefixes.remove("");
        prefixes.remove("stream");
        inherited = Map.copyOf(prefixes);
        return header.toStanza();
    }

    /** Opens an element at the reader's start tag below the current one (or as a new stanza). */
    void start(XMLStreamReader reader) {
        flushText();
        Open element = Open.of(reader);
        if (open.isEmpty()) {
            inherited.forEach(element.namespaces()::putIfAbsent);
        }
        open.push(element);
    }

    /** Adds the reader's current character data to the open element. */
    void text(XMLStreamReader reader) {
        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
    }

    /** Closes the innermost element; returns the stanza if that was its root, else null. */
    Stanza end() {
        flushText();
        Open closed = open.pop();
        if (open.isEmpty()) {
            return closed.toStanza();
        }
        open.peek().children.add(closed.toElement());
        return null;
    }

    /** Forgets a partly built stanza and the header's prefixes (the stream restarted or failed). */
    void clear() {
        open.clear();
        text.setLength(0);
        inherited = Map.of();
    }

    private void flushText() {
        if (!text.isEmpty()) {
            open.element().children.add(new XMLText(text.toString()));
            text.setLength(0);
        }
    }

    /** An element whose end tag has not been read yet. */
    private record Open(String namespaceUri, String name, String prefix, List<Attribute> attributes,
            Map<String, String> namespaces, List<XMLFragment> children) {

        static Open of(XMLStreamReader reader) {
            Map<String, String> declared = new LinkedHashMap<>();
            for (int i = 0; i < reader.getNamespaceCount(); i++) {
                declared.put(orEmpty(reader.getNamespacePrefix(i)), orEmpty(reader.getNamespaceURI(i)));
            }
            List<Attribute> attributes = new ArrayList<>(reader.getAttributeCount());
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                attributes.add(new Attribute(orEmpty(reader.getAttributeNamespace(i)), reader.getAttributeLocalName(i),
                        reader.getAttributeValue(i)));
            }
            return new Open(orEmpty(reader.getNamespaceURI()), reader.getLocalName(), orEmpty(reader.getPrefix()),
                    attributes, declared, new ArrayList<>());
        }

        XMLElement toElement() {
            return new XMLElement(namespaceUri, name, prefix, attributes, children, namespaces);
        }

        Stanza toStanza() {
            return new Stanza(namespaceUri, name, prefix, attributes, children, namespaces);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }
    }
}
