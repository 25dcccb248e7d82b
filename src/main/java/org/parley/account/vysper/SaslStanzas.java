package org.parley.account.vysper;

import java.util.Base64;
import java.util.List;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.modules.core.sasl.AuthorizationRetriesCounter;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.server.SessionState;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.parley.account.SaslExchange;
import org.parley.account.SaslFailure;
import org.parley.account.SaslStep;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.SaslThrottle;

/**
 * The XML side of a SASL exchange (RFC 6120 §6.4): base64 payloads in and out, {@code <challenge/>},
 * {@code <success/>} and {@code <failure/>}, and the one place a session becomes authenticated. The exchange in
 * progress is kept in a session attribute, so {@code <auth/>} and each {@code <response/>} find it.
 */
final class SaslStanzas {

    private static final String EXCHANGE = "parley.sasl.exchange";
    private static final String SASL = NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_SASL;

    private SaslStanzas() {}

    /**
     * The decoded payload of {@code <auth/>} or {@code <response/>}; RFC 6120 §6.4.2: {@code =} and no text are
     * both empty.
     *
     * @throws IllegalArgumentException when the text is not base64
     */
    static byte[] payload(Stanza stanza) {
        List<XMLText> texts = stanza.getInnerTexts();
        StringBuilder base64 = new StringBuilder();
        if (texts != null) {
            texts.forEach(t -> base64.append(t.getText()));
        }
        String text = base64.toString().strip();
        return text.isEmpty() || text.equals("=") ? new byte[0] : Base64.getDecoder().decode(text);
    }

    static Stanza failure(SaslFailure failure) {
        return new StanzaBuilder("failure", SASL).startInnerElement(failure.condition(), SASL).endInnerElement()
                .build();
    }

    /**
     * Feeds one payload to the session's exchange and turns its answer into the stanza to send: null when
     * {@code throttle} sends a failure later, after its back-off. The first step is checked against the throttle
     * once the exchange knows the account; each failure and success is reported to it (docs/security.md).
     */
    static Stanza step(SaslExchange exchange, Stanza stanza, SessionContext session, SessionStateHolder state,
            SaslThrottle throttle) {
        boolean first = current(session) != exchange;
        byte[] data;
        try {
            data = payload(stanza);
        } catch (IllegalArgumentException e) {
            session.putAttribute(EXCHANGE, null);
            return failure(SaslFailure.INCORRECT_ENCODING);
        }
        SaslStep step = exchange.respond(data);
        BareJid named = exchange.user().orElse(null);
        if (step instanceof SaslStep.Challenge challenge) {
            Stanza refusal = first ? throttle.check(session, named) : null;
            if (refusal != null) {
                session.putAttribute(EXCHANGE, null);
                return refusal;
            }
            session.putAttribute(EXCHANGE, exchange);
            return withData("challenge", challenge.data());
        }
        session.putAttribute(EXCHANGE, null);
        if (step instanceof SaslStep.Success success) {
            throttle.succeeded(session, success.user());
            authenticated(session, state, success.user());
            return withData("success", success.additionalData());
        }
        return throttle.failed(session, named, failure(((SaslStep.Failure) step).condition()));
    }

    /** The exchange waiting for a {@code <response/>} on this session, or null. */
    static SaslExchange current(SessionContext session) {
        return (SaslExchange) session.getAttribute(EXCHANGE);
    }

    static void clear(SessionContext session) {
        session.putAttribute(EXCHANGE, null);
    }

    /** RFC 6120 §6.4.6: the session now acts for {@code user}; the retry budget is spent only on failures. */
    static void authenticated(SessionContext session, SessionStateHolder state, BareJid user) {
        session.setInitiatingEntity(new EntityImpl(user.local(), user.domain(), null));
        state.setState(SessionState.AUTHENTICATED);
        AuthorizationRetriesCounter.removeFromSession(session);
    }

    private static Stanza withData(String name, byte[] data) {
        // RFC 6120 §6.4.3: empty data is sent as "=", so it is told apart from no data
        String text = data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
        return new StanzaBuilder(name, SASL).addText(text).build();
    }
}
