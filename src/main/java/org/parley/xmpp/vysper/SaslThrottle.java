package org.parley.xmpp.vysper;

import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.xmpp.BareJid;

/**
 * What every SASL mechanism calls around its credential check, so failed authentications are throttled the same way
 * whatever the mechanism (docs/security.md, "Flood and abuse control"). The transport knows the client's address and
 * can delay an answer without blocking a thread; the mechanism only knows the account.
 *
 * <pre>{@code
 * Stanza refusal = throttle.check(session, user);       // before any password work
 * if (refusal != null) return refusal;                   // <temporary-auth-failure/>
 * if (!credentialsOk) return throttle.failed(session, user, failureStanza);   // may return null: answered later
 * throttle.succeeded(session, user);
 * }</pre>
 */
public interface SaslThrottle {

    /**
     * Null when {@code user} (null if the client named no valid account) may try now; otherwise the answer to send
     * instead of checking anything: a SASL {@code <failure/>} with {@code <temporary-auth-failure/>} (RFC 6120
     * §6.5.12).
     */
    Stanza check(SessionContext session, BareJid user);

    /**
     * Records a failed attempt and returns what the mechanism should return: {@code failure} itself, or null when the
     * throttle sends {@code failure} later (after a back-off, reading from the connection paused meanwhile).
     */
    Stanza failed(SessionContext session, BareJid user, Stanza failure);

    /** Records a successful authentication of {@code user}. */
    void succeeded(SessionContext session, BareJid user);

    /** No throttling: for tests and tools that run a mechanism on its own. */
    SaslThrottle NONE = new SaslThrottle() {
        @Override
        public Stanza check(SessionContext session, BareJid user) {
            return null;
        }

        @Override
        public Stanza failed(SessionContext session, BareJid user, Stanza failure) {
            return failure;
        }

        @Override
        public void succeeded(SessionContext session, BareJid user) {
            // nothing recorded
        }
    };
}
