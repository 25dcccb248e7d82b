package org.parley.xmpp.vysper;

import java.util.Optional;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainer;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainerImpl;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.protocol.StanzaHandler;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.parley.xmpp.BareJid;

/**
 * The common part of a handler for IQ requests the server answers for an account (RFC 6120 §10.3.3, RFC 6121
 * §8.5.1): the roster, PEP, ... It matches an IQ by its child element, never answers a response (RFC 6120 §8.2.3),
 * answers a request without id or type with {@code bad-request}, and works out who asks and for which account (no
 * 'to': the sender's own; a bare JID: that user's), before the feature's {@link #handle}.
 */
public abstract class AccountIqHandler implements StanzaHandler {

    private final String child;

    /** A handler for IQs whose child element is called {@code child} (its namespace is the dictionary's). */
    protected AccountIqHandler(String child) {
        this.child = child;
    }

    /**
     * One IQ request.
     *
     * @param iq the request
     * @param type get or set
     * @param requester the sender's account
     * @param account the account addressed: the requester's when there is no 'to'; empty when 'to' is not a
     *     user's bare JID (a full JID, the domain, or not a local user)
     */
    protected record Request(IQStanza iq, IQStanzaType type, BareJid requester, Optional<BareJid> account) {}

    /** Answers {@code request}: the response to write now, or null when the handler wrote what it had to. */
    protected abstract ResponseStanzaContainer handle(Request request, ServerRuntimeContext runtime,
            SessionContext session);

    @Override
    public final String getName() {
        return "iq";
    }

    @Override
    public boolean verify(Stanza stanza) {
        return IQStanza.isOfType(stanza) && stanza.getVerifier().subElementPresent(child);
    }

    @Override
    public final boolean isSessionRequired() {
        return true;
    }

    @Override
    public final ResponseStanzaContainer execute(Stanza stanza, ServerRuntimeContext runtime,
            boolean isOutboundStanza, SessionContext session, SessionStateHolder state) {
        IQStanza iq = new IQStanza(stanza);
        IQStanzaType type = iq.getIQType();
        if (type == IQStanzaType.RESULT || type == IQStanzaType.ERROR) {
            return null; // RFC 6120 §8.2.3: never answer a response
        }
        if (iq.getID() == null || type == null) {
            return new ResponseStanzaContainerImpl(ErrorReplies.of(iq, "modify", StanzaErrorCondition.BAD_REQUEST,
                    "an IQ needs id and type", null));
        }
        BareJid requester = Jids.bare(session.getInitiatingEntity());
        Entity to = iq.getTo();
        Optional<BareJid> account = to == null ? Optional.of(requester)
                : to.isResourceSet() ? Optional.empty() : Jids.user(to);
        return handle(new Request(iq, type, requester, account), runtime, session);
    }
}
