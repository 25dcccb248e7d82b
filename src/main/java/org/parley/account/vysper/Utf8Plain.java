package org.parley.account.vysper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.authorization.AuthorizationResponses;
import org.apache.vysper.xmpp.authorization.SASLMechanism;
import org.apache.vysper.xmpp.modules.core.sasl.SASLFailureType;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.server.SessionState;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.account.AccountService;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.SaslThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SASL PLAIN (RFC 4616) with the message decoded as UTF-8, as RFC 4616 §2 requires. Vysper 0.7 decodes it byte by
 * byte as Latin-1, so any non-ASCII password failed. Vysper's SASL handler only lets a mechanism run on an encrypted
 * stream, so PLAIN is never offered to or accepted from a clear-text connection. Failed attempts go through the
 * {@link SaslThrottle} (back-off, then lockout).
 */
public final class Utf8Plain implements SASLMechanism {

    private static final Logger LOG = LoggerFactory.getLogger(Utf8Plain.class);
    private static final AuthorizationResponses RESPONSES = new AuthorizationResponses();

    private final AccountService accounts;
    private final String domain;
    private final SaslThrottle throttle;

    public Utf8Plain(AccountService accounts, String domain, SaslThrottle throttle) {
        this.accounts = accounts;
        this.domain = domain;
        this.throttle = throttle;
    }

    @Override
    public String getName() {
        return "PLAIN";
    }

    @Override
    public Stanza started(SessionContext session, SessionStateHolder state, Stanza auth) {
        List<String> parts;
        try {
            parts = decode(SaslStanzas.payload(auth));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return RESPONSES.getFailure(SASLFailureType.INCORRECT_ENCODING);
        }
        if (parts.size() != 3 || parts.get(1).isEmpty()) {
            return RESPONSES.getFailureMalformedRequest();
        }
        String authzid = parts.get(0);
        BareJid user;
        try {
            // RFC 6120 §6.3.8: the authentication identity is a simple user name; tolerate clients sending a JID
            user = BareJid.parse(parts.get(1), domain);
        } catch (IllegalArgumentException e) {
            Stanza refusal = throttle.check(session, null);
            return refusal != null ? refusal : throttle.failed(session, null, RESPONSES.getFailureNotAuthorized());
        }
        Stanza refusal = throttle.check(session, user);
        if (refusal != null) {
            return refusal; // locked out: not even a password check, which costs a PBKDF2 derivation
        }
        if (!user.domain().equals(domain) || !accounts.verifyPassword(user, parts.get(2))) {
            LOG.info("authentication failed for {} from session {}", user, session.getSessionId());
            return throttle.failed(session, user, RESPONSES.getFailureNotAuthorized());
        }
        if (!authzid.isEmpty() && !isSameUser(authzid, user)) {
            // acting as someone else is not offered (RFC 6120 §6.4.6: invalid-authzid)
            return RESPONSES.getFailure(SASLFailureType.INVALID_AUTHZID);
        }
        throttle.succeeded(session, user);
        session.setInitiatingEntity(new EntityImpl(user.local(), user.domain(), null));
        state.setState(SessionState.AUTHENTICATED);
        LOG.debug("{} authenticated in session {}", user, session.getSessionId());
        return RESPONSES.getSuccess();
    }

    private boolean isSameUser(String authzid, BareJid user) {
        try {
            return BareJid.parse(authzid, domain).equals(user);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Splits authzid NUL authcid NUL passwd, each strict UTF-8. */
    private static List<String> decode(byte[] message) throws CharacterCodingException {
        List<String> parts = new ArrayList<>(3);
        int start = 0;
        for (int i = 0; i <= message.length; i++) {
            if (i == message.length || message[i] == 0) {
                parts.add(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(message, start, i - start)).toString());
                start = i + 1;
            }
        }
        return parts;
    }
}
