package org.parley.server.vysper;

import java.util.OptionalLong;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.parley.streammgmt.SmFailure;

/**
 * The XEP-0198 elements ({@code urn:xmpp:sm:3}) the server writes, as Vysper stanzas for the session's writer. None
 * of them is a stanza in the RFC 6120 sense: they are neither counted nor acknowledged.
 */
final class SmElements {

    static final String NS = "urn:xmpp:sm:3";
    private static final String STANZAS = NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_STANZAS;
    private static final String STREAMS = NamespaceURIs.HTTP_ETHERX_JABBER_ORG_STREAMS;
    private static final String STREAM_CONDITIONS = NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_STREAMS;

    private SmElements() {}

    /** The stream feature, §2. */
    static XMLElement feature() {
        return new StanzaBuilder("sm", NS).build();
    }

    /** Whether {@code element} is one of ours (a nonza the client sent). */
    static boolean isSm(Stanza element) {
        return NS.equals(element.getNamespaceURI());
    }

    /** Whether a stanza counts in XEP-0198 (§4: message, presence and IQ; nothing else on the stream does). */
    static boolean counts(Stanza stanza) {
        String name = stanza.getName();
        return ("message".equals(name) || "presence".equals(name) || "iq".equals(name))
                && !NS.equals(stanza.getNamespaceURI()) && !STREAMS.equals(stanza.getNamespaceURI());
    }

    /** {@code <enabled/>}, with the resumption id and the longest wait when resumption was granted (§3). */
    static Stanza enabled(String resumeId, long maxSeconds) {
        StanzaBuilder enabled = new StanzaBuilder("enabled", NS);
        if (resumeId != null) {
            enabled.addAttribute("id", resumeId).addAttribute("resume", "true")
                    .addAttribute("max", Long.toString(maxSeconds));
        }
        return enabled.build();
    }

    static Stanza resumed(String previd, long h) {
        return new StanzaBuilder("resumed", NS).addAttribute("previd", previd).addAttribute("h", Long.toString(h))
                .build();
    }

    static Stanza ack(long h) {
        return new StanzaBuilder("a", NS).addAttribute("h", Long.toString(h)).build();
    }

    static Stanza request() {
        return new StanzaBuilder("r", NS).build();
    }

    /** {@code <failed/>} with the stanza error condition of {@code failure}, and {@code h} when known (§6). */
    static Stanza failed(SmFailure failure, OptionalLong h) {
        StanzaBuilder failed = new StanzaBuilder("failed", NS);
        if (failure.withH() && h.isPresent()) {
            failed.addAttribute("h", Long.toString(h.getAsLong()));
        }
        return failed.startInnerElement(failure.condition(), STANZAS).endInnerElement().build();
    }

    /**
     * The stream error for an {@code h} beyond what was sent (§4): {@code <undefined-condition/>} with
     * {@code <handled-count-too-high h=… send-count=…/>}.
     */
    static Stanza handledCountTooHigh(long h, long sent) {
        return new StanzaBuilder("error", STREAMS, "stream")
                .startInnerElement(SmFailure.H_TOO_HIGH.condition(), STREAM_CONDITIONS).endInnerElement()
                .startInnerElement("handled-count-too-high", NS).addAttribute("h", Long.toString(h))
                .addAttribute("send-count", Long.toString(sent)).endInnerElement()
                .startInnerElement("text", STREAM_CONDITIONS).addAttribute(NamespaceURIs.XML, "lang", "en")
                .addText("you acknowledged " + h + " stanzas, " + sent + " were sent").endInnerElement()
                .build();
    }
}
