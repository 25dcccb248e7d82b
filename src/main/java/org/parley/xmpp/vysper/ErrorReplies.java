package org.parley.xmpp.vysper;

import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.apache.vysper.xmpp.stanza.XMPPCoreStanza;

/**
 * Error replies to stanzas (RFC 6120 §8.3) as Parley sends them: addresses swapped, so the error comes from the
 * address the sender used (clients match replies by it, Smack's IQ reply filter among them; Vysper's
 * {@code ServerErrorResponses} puts the server's domain there instead), and the original's children kept, as
 * §8.3.1 recommends.
 */
public final class ErrorReplies {

    private ErrorReplies() {}

    /**
     * The error reply to {@code original}.
     *
     * @param type the RFC 6120 §8.3.2 error type: "auth", "cancel", "modify" or "wait"
     * @param specific an application-specific condition element (§8.3.3), or null
     */
    public static Stanza of(XMPPCoreStanza original, String type, StanzaErrorCondition condition,
            XMLElement specific) {
        return of(original, type, condition, null, specific);
    }

    /**
     * The error reply to {@code original}, with a human-readable {@code <text/>} (RFC 6120 §8.3.2).
     *
     * @param text the text, or null for none; never user content, it is sent to the sender as is
     */
    public static Stanza of(XMPPCoreStanza original, String type, StanzaErrorCondition condition, String text,
            XMLElement specific) {
        StanzaBuilder builder = StanzaBuilder.createDirectReply(original, false, "error");
        for (XMLElement child : original.getInnerElements()) {
            if (!"error".equals(child.getName())) {
                builder.addPreparedElement(child);
            }
        }
        builder.startInnerElement("error", NamespaceURIs.JABBER_CLIENT).addAttribute("type", type)
                .startInnerElement(condition.value(), NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_STANZAS)
                .endInnerElement();
        if (text != null) {
            builder.startInnerElement("text", NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_STANZAS)
                    .addAttribute(NamespaceURIs.XML, "lang", "en").addText(text).endInnerElement();
        }
        if (specific != null) {
            builder.addPreparedElement(specific);
        }
        return builder.endInnerElement().build();
    }
}
