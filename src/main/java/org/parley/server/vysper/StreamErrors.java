package org.parley.server.vysper;

import java.util.ArrayList;
import java.util.List;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.protocol.StreamErrorCondition;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;

/**
 * Stream errors as RFC 6120 §4.9 writes them: {@code <stream:error>} in the streams namespace
 * ({@code http://etherx.jabber.org/streams}) holding a condition in {@code urn:ietf:params:xml:ns:xmpp-streams}.
 * Vysper 0.7 puts the {@code error} element itself in the conditions namespace and uses RFC 3920's
 * {@code xml-not-well-formed}; {@link #normalize} corrects both on the way out, whoever raised the error.
 */
final class StreamErrors {

    private static final String STREAMS = NamespaceURIs.HTTP_ETHERX_JABBER_ORG_STREAMS;
    private static final String CONDITIONS = NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_STREAMS;

    private StreamErrors() {}

    /** A stream error with a defined condition and an English text. */
    static Stanza of(StreamErrorCondition condition, String text) {
        return of(condition.value(), text);
    }

    /** A stream error by its RFC 6120 §4.9.3 name, for conditions Vysper's enum lacks ({@code unsupported-encoding}). */
    static Stanza of(String condition, String text) {
        return new StanzaBuilder("error", STREAMS, "stream")
                .startInnerElement(rfc6120Name(condition), CONDITIONS).endInnerElement()
                .startInnerElement("text", CONDITIONS).addAttribute(NamespaceURIs.XML, "lang", "en").addText(text)
                .endInnerElement()
                .build();
    }

    /** Whether {@code stanza} is a stream error, in either Vysper's or RFC 6120's form. */
    static boolean isStreamError(Stanza stanza) {
        return "error".equals(stanza.getName())
                && (STREAMS.equals(stanza.getNamespaceURI()) || CONDITIONS.equals(stanza.getNamespaceURI()));
    }

    /** Returns {@code stanza} in RFC 6120 form if it is one of Vysper's stream errors, else unchanged. */
    static Stanza normalize(Stanza stanza) {
        if (!"error".equals(stanza.getName()) || !CONDITIONS.equals(stanza.getNamespaceURI())) {
            return stanza;
        }
        List<XMLFragment> inner = new ArrayList<>();
        for (XMLFragment fragment : stanza.getInnerFragments()) {
            if (fragment instanceof XMLElement element && CONDITIONS.equals(element.getNamespaceURI())) {
                fragment = new XMLElement(CONDITIONS, rfc6120Name(element.getName()), null,
                        element.getAttributes(), element.getInnerFragments());
            }
            inner.add(fragment);
        }
        return new Stanza(STREAMS, "error", "stream", stanza.getAttributes(), inner);
    }

    private static String rfc6120Name(String condition) {
        // RFC 6120 §4.9.3.13 renamed RFC 3920's xml-not-well-formed
        return condition.equals("xml-not-well-formed") ? "not-well-formed" : condition;
    }
}
