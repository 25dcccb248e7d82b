package org.parley.account.vysper;

import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLSemanticError;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.server.SessionState;
import org.apache.vysper.xmpp.server.response.ServerErrorResponses;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.apache.vysper.xmpp.stanza.StanzaErrorType;
import org.parley.account.AccountService;
import org.parley.account.ChangeResult;
import org.parley.account.RegistrationResult;
import org.parley.xmpp.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jabber:iq:register} handler (XEP-0077). It extends Vysper's handler class only because Vysper's protocol
 * worker lets exactly that type through before authentication; every method that handles a stanza is ours.
 *
 * <p>Rules: a new account only on an encrypted, not yet authenticated stream (§3.1); once authenticated, a user may
 * change only their own password (§3.3) or cancel their own account (§3.2). Anything else is refused.
 */
final class InBandRegistrationHandler
        extends org.apache.vysper.xmpp.modules.extension.xep0077_inbandreg.InBandRegistrationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InBandRegistrationHandler.class);
    private static final String NS = NamespaceURIs.JABBER_IQ_REGISTER;

    private final AccountService accounts;
    private final String domain;

    InBandRegistrationHandler(AccountService accounts, String domain) {
        this.accounts = accounts;
        this.domain = domain;
    }

    @Override
    protected Stanza handleGet(IQStanza stanza, ServerRuntimeContext runtime, SessionContext session) {
        SessionState state = session.getState();
        if (state != SessionState.ENCRYPTED && state != SessionState.AUTHENTICATED) {
            return error(stanza, StanzaErrorCondition.NOT_ALLOWED, StanzaErrorType.CANCEL,
                    "registration requires an encrypted stream");
        }
        StanzaBuilder reply = StanzaBuilder.createIQStanza(null, stanza.getFrom(), IQStanzaType.RESULT,
                stanza.getID());
        reply.startInnerElement("query", NS);
        if (state == SessionState.AUTHENTICATED) {
            reply.startInnerElement("registered", NS).endInnerElement()
                    .startInnerElement("username", NS).addText(session.getInitiatingEntity().getNode())
                    .endInnerElement()
                    .startInnerElement("password", NS).endInnerElement();
        } else {
            reply.startInnerElement("instructions", NS)
                    .addText("Choose a user name and password for use with this server.").endInnerElement()
                    .startInnerElement("username", NS).endInnerElement()
                    .startInnerElement("password", NS).endInnerElement();
        }
        reply.endInnerElement();
        return reply.build();
    }

    @Override
    protected Stanza handleSet(IQStanza stanza, ServerRuntimeContext runtime, SessionContext session) {
        SessionState state = session.getState();
        if (state != SessionState.ENCRYPTED && state != SessionState.AUTHENTICATED) {
            return error(stanza, StanzaErrorCondition.NOT_ALLOWED, StanzaErrorType.CANCEL,
                    "registration requires an encrypted stream");
        }
        XMLElement query;
        try {
            query = stanza.getSingleInnerElementsNamed("query", NS);
        } catch (XMLSemanticError e) {
            return error(stanza, StanzaErrorCondition.BAD_REQUEST, StanzaErrorType.MODIFY, "one query expected");
        }
        if (query == null) {
            return error(stanza, StanzaErrorCondition.BAD_REQUEST, StanzaErrorType.MODIFY, "query missing");
        }
        if (state == SessionState.AUTHENTICATED) {
            return handleAuthenticatedSet(stanza, query, session);
        }
        return register(stanza, query);
    }

    private Stanza register(IQStanza stanza, XMLElement query) {
        String username = text(query, "username");
        String password = text(query, "password");
        if (username == null || password == null) {
            return error(stanza, StanzaErrorCondition.NOT_ACCEPTABLE, StanzaErrorType.MODIFY,
                    "username and password are required");
        }
        BareJid jid;
        try {
            jid = BareJid.parse(username, domain);
        } catch (IllegalArgumentException e) {
            return error(stanza, StanzaErrorCondition.JID_MALFORMED, StanzaErrorType.MODIFY, e.getMessage());
        }
        if (!jid.domain().equals(domain)) {
            return error(stanza, StanzaErrorCondition.NOT_ACCEPTABLE, StanzaErrorType.MODIFY,
                    "accounts can only be created on " + domain);
        }
        RegistrationResult result = accounts.register(jid, password);
        if (result instanceof RegistrationResult.Created) {
            LOG.info("account {} registered in-band", jid);
            return StanzaBuilder.createIQStanza(null, stanza.getFrom(), IQStanzaType.RESULT, stanza.getID()).build();
        }
        if (result instanceof RegistrationResult.Rejected rejected) {
            return error(stanza, StanzaErrorCondition.NOT_ACCEPTABLE, StanzaErrorType.MODIFY, rejected.reason());
        }
        return error(stanza, StanzaErrorCondition.CONFLICT, StanzaErrorType.CANCEL, "the user name is taken");
    }

    private Stanza handleAuthenticatedSet(IQStanza stanza, XMLElement query, SessionContext session) {
        Entity self = session.getInitiatingEntity();
        BareJid own = new BareJid(self.getNode(), self.getDomain());
        if (!query.getInnerElementsNamed("remove", NS).isEmpty()) {
            // XEP-0077 §3.2: cancel one's own registration; the stream then ends
            accounts.remove(own);
            LOG.info("account {} removed in-band", own);
            return StanzaBuilder.createIQStanza(null, stanza.getFrom(), IQStanzaType.RESULT, stanza.getID()).build();
        }
        String username = text(query, "username");
        String password = text(query, "password");
        if (password == null) {
            return error(stanza, StanzaErrorCondition.BAD_REQUEST, StanzaErrorType.MODIFY, "password missing");
        }
        try {
            if (username != null && !BareJid.parse(username, domain).equals(own)) {
                return error(stanza, StanzaErrorCondition.NOT_AUTHORIZED, StanzaErrorType.CANCEL,
                        "you can only change your own password");
            }
        } catch (IllegalArgumentException e) {
            return error(stanza, StanzaErrorCondition.NOT_AUTHORIZED, StanzaErrorType.CANCEL,
                    "you can only change your own password");
        }
        ChangeResult result = accounts.changePassword(own, password);
        if (result instanceof ChangeResult.Changed) {
            LOG.info("password of {} changed in-band", own);
            return StanzaBuilder.createIQStanza(null, stanza.getFrom(), IQStanzaType.RESULT, stanza.getID()).build();
        }
        if (result instanceof ChangeResult.Rejected rejected) {
            return error(stanza, StanzaErrorCondition.NOT_ACCEPTABLE, StanzaErrorType.MODIFY, rejected.reason());
        }
        return error(stanza, StanzaErrorCondition.ITEM_NOT_FOUND, StanzaErrorType.CANCEL, "no such account");
    }

    private static String text(XMLElement query, String name) {
        try {
            XMLElement element = query.getSingleInnerElementsNamed(name, NS);
            if (element == null) {
                return null;
            }
            return element.getInnerText() == null ? "" : element.getInnerText().getText();
        } catch (XMLSemanticError e) {
            return null;
        }
    }

    private static Stanza error(IQStanza stanza, StanzaErrorCondition condition, StanzaErrorType type, String text) {
        return ServerErrorResponses.getStanzaError(condition, stanza, type, text, "en", null);
    }
}
