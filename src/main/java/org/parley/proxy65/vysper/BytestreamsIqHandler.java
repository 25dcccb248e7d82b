package org.parley.proxy65.vysper;

import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainer;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainerImpl;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.protocol.StanzaHandler;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.Stanza;

/**
 * A {@code bytestreams} IQ a client sends to {@code proxy.<domain>}, answered on the client's own processing thread
 * and written back to its session. The requester is the session's full JID, whatever the stanza's {@code from} says:
 * the activation hash contains it, and that is what lets only the requester activate (XEP-0065 §6.3.5).
 */
final class BytestreamsIqHandler implements StanzaHandler {

    private final String proxyDomain;
    private final BytestreamsIq iq;

    BytestreamsIqHandler(String proxyDomain, BytestreamsIq iq) {
        this.proxyDomain = proxyDomain;
        this.iq = iq;
    }

    @Override
    public String getName() {
        return "iq";
    }

    /** Only IQs for the proxy itself: a {@code bytestreams} IQ between two clients is theirs to answer. */
    @Override
    public boolean verify(Stanza stanza) {
        if (!IQStanza.isOfType(stanza)) {
            return false;
        }
        Entity to;
        try {
            to = stanza.getTo();
        } catch (RuntimeException e) {
            return false; // a malformed 'to' is answered by the core handlers
        }
        return to != null && !to.isNodeSet() && !to.isResourceSet() && proxyDomain.equals(to.getDomain());
    }

    @Override
    public boolean isSessionRequired() {
        return true;
    }

    @Override
    public ResponseStanzaContainer execute(Stanza stanza, ServerRuntimeContext runtime, boolean isOutboundStanza,
            SessionContext session, SessionStateHolder state) {
        Entity account = session.getInitiatingEntity();
        String resource = runtime.getResourceRegistry().getUniqueResourceForSession(session);
        Entity requester;
        if (resource != null && account != null) {
            requester = new EntityImpl(account.getNode(), account.getDomain(), resource);
        } else if (stanza.getFrom() != null && stanza.getFrom().isResourceSet()) {
            requester = stanza.getFrom(); // several resources on one session: Vysper checked it is one of them
        } else {
            return null; // no bound resource: nothing to answer to
        }
        Stanza answer = iq.answer(new IQStanza(stanza), requester);
        return answer == null ? null : new ResponseStanzaContainerImpl(answer);
    }
}
