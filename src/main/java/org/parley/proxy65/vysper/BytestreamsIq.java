package org.parley.proxy65.vysper;

import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLSemanticError;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.addressing.EntityFormatException;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.apache.vysper.xmpp.stanza.StanzaErrorType;
import org.parley.proxy65.BytestreamProxy;
import org.parley.proxy65.StreamHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a {@code bytestreams} IQ sent to the proxy: a get with the stream host (XEP-0065 §4), a set with
 * {@code <activate/>} by activating the stream (§6.3.5). Which address the request came from is decided by the
 * caller, from the session, never from what the client wrote.
 */
final class BytestreamsIq {

    static final String NAMESPACE = "http://jabber.org/protocol/bytestreams";

    private static final Logger LOG = LoggerFactory.getLogger(BytestreamsIq.class);

    private final BytestreamProxy proxy;
    private final Entity proxyJid;

    BytestreamsIq(BytestreamProxy proxy, Entity proxyJid) {
        this.proxy = proxy;
        this.proxyJid = proxyJid;
    }

    /** The answer to {@code iq} from {@code requester} (a full JID), or null for a result or error (never answered). */
    Stanza answer(IQStanza iq, Entity requester) {
        IQStanzaType type = iq.getIQType();
        if (type == null || iq.getID() == null) {
            return error(iq, requester, StanzaErrorCondition.BAD_REQUEST, StanzaErrorType.MODIFY);
        }
        return switch (type) {
            case GET -> streamHost(iq, requester);
            case SET -> activate(iq, requester);
            case RESULT, ERROR -> null; // RFC 6120 §8.2.3: a response is never answered
        };
    }

    /** §4: the network address of the proxy. */
    private Stanza streamHost(IQStanza iq, Entity requester) {
        StreamHost host = proxy.streamHost();
        return StanzaBuilder.createIQStanza(proxyJid, requester, IQStanzaType.RESULT, iq.getID())
                .startInnerElement("query", NAMESPACE)
                .startInnerElement("streamhost", NAMESPACE)
                .addAttribute("jid", host.jid())
                .addAttribute("host", host.host())
                .addAttribute("port", Integer.toString(host.port()))
                .endInnerElement()
                .endInnerElement()
                .build();
    }

    /** §6.3.5: hash SID + the requester's full JID + the target, and pair the two waiting connections. */
    private Stanza activate(IQStanza iq, Entity requester) {
        XMLElement query = iq.getFirstInnerElement();
        String sid = query == null ? null : query.getAttributeValue("sid");
        String target = activateText(query);
        if (sid == null || sid.isEmpty() || target == null) {
            return error(iq, requester, StanzaErrorCondition.BAD_REQUEST, StanzaErrorType.MODIFY);
        }
        Entity targetJid;
        try {
            targetJid = EntityImpl.parse(target.strip()); // stringprep, as the XEP requires before hashing
        } catch (EntityFormatException e) {
            return error(iq, requester, StanzaErrorCondition.JID_MALFORMED, StanzaErrorType.MODIFY);
        }
        BytestreamProxy.Activation outcome = proxy.activate(sid, requester.getFullQualifiedName(),
                targetJid.getFullQualifiedName());
        LOG.debug("activation of a bytestream by {}: {}", requester, outcome);
        return switch (outcome) {
            case ACTIVATED -> StanzaBuilder.createIQStanza(proxyJid, requester, IQStanzaType.RESULT, iq.getID())
                    .build();
            case NOT_FOUND -> error(iq, requester, StanzaErrorCondition.ITEM_NOT_FOUND, StanzaErrorType.CANCEL);
            case ONLY_ONE_CONNECTED -> error(iq, requester, StanzaErrorCondition.NOT_ALLOWED,
                    StanzaErrorType.CANCEL);
        };
    }

    private static String activateText(XMLElement query) {
        if (query == null) {
            return null;
        }
        try {
            XMLElement activate = query.getSingleInnerElementsNamed("activate", NAMESPACE);
            return activate == null || activate.getInnerText() == null ? null : activate.getInnerText().getText();
        } catch (XMLSemanticError e) {
            return null; // more than one <activate/>: the XEP allows exactly one
        }
    }

    /**
     * An error reply from the proxy to the requester. Without the request's children, which RFC 6120 §8.3.1 only
     * allows: Smack 4.4's bytestreams parser fails on an echoed {@code <activate/>} and drops the connection.
     */
    private Stanza error(IQStanza iq, Entity requester, StanzaErrorCondition condition, StanzaErrorType type) {
        return StanzaBuilder.createIQStanza(proxyJid, requester, IQStanzaType.ERROR, iq.getID())
                .startInnerElement("error", NamespaceURIs.JABBER_CLIENT)
                .addAttribute("type", type.value())
                .startInnerElement(condition.value(), NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_STANZAS)
                .endInnerElement()
                .endInnerElement()
                .build();
    }
}
