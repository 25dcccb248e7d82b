package org.parley.proxy65.vysper;

import org.apache.vysper.xmpp.delivery.failure.DeliveryException;
import org.apache.vysper.xmpp.delivery.failure.IgnoreFailureStrategy;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.protocol.StanzaProcessor;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.MessageStanza;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.apache.vysper.xmpp.stanza.XMPPCoreStanza;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stanzas the server routes to {@code proxy.<domain>} rather than handling them on the sender's session: a
 * {@code bytestreams} IQ the session handler did not take (its 'from' was already stamped or checked by the core
 * handlers), and everything else, which the proxy does not serve: an IQ request or a message gets
 * {@code service-unavailable} (RFC 6120 §8.3.3.19), presence and responses are dropped.
 */
final class ProxyComponentProcessor implements StanzaProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyComponentProcessor.class);

    private final BytestreamsIq bytestreams;

    ProxyComponentProcessor(BytestreamsIq bytestreams) {
        this.bytestreams = bytestreams;
    }

    @Override
    public void processStanza(ServerRuntimeContext runtime, SessionContext session, Stanza stanza,
            SessionStateHolder state) {
        XMPPCoreStanza core = XMPPCoreStanza.getWrapper(stanza);
        if (core == null || stanza.getFrom() == null || "error".equals(core.getType())) {
            return;
        }
        Stanza answer = null;
        if (IQStanza.isOfType(stanza)) {
            IQStanza iq = new IQStanza(stanza);
            boolean bytestreamsQuery = stanza.getVerifier().subElementPresent("query")
                    && BytestreamsIq.NAMESPACE.equals(iq.getFirstInnerElement().getNamespaceURI());
            if (bytestreamsQuery && stanza.getFrom().isResourceSet()) {
                answer = bytestreams.answer(iq, stanza.getFrom());
            } else if (!"result".equals(core.getType())) {
                answer = serviceUnavailable(core);
            }
        } else if (MessageStanza.isOfType(stanza)) {
            answer = serviceUnavailable(core);
        }
        if (answer != null) {
            try {
                runtime.getStanzaRelay().relay(answer.getTo(), answer, new IgnoreFailureStrategy());
            } catch (DeliveryException e) {
                LOG.debug("answer from the proxy to {} not delivered: {}", answer.getTo(), e.toString());
            }
        }
    }

    @Override
    public void processTLSEstablished(SessionContext session, SessionStateHolder state) {
        throw new UnsupportedOperationException("a component has no stream of its own");
    }

    private static Stanza serviceUnavailable(XMPPCoreStanza original) {
        return StanzaBuilder.createDirectReply(original, false, "error")
                .startInnerElement("error", NamespaceURIs.JABBER_CLIENT).addAttribute("type", "cancel")
                .startInnerElement(StanzaErrorCondition.SERVICE_UNAVAILABLE.value(),
                        NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_STANZAS)
                .endInnerElement()
                .endInnerElement()
                .build();
    }
}
