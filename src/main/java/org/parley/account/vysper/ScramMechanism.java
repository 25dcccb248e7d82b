package org.parley.account.vysper;

import java.util.Objects;
import org.apache.vysper.xmpp.authorization.SASLMechanism;
import org.apache.vysper.xmpp.protocol.SessionStateHolder;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.account.ChannelBindings;
import org.parley.account.ScramHash;
import org.parley.account.ScramServer;
import org.parley.tls.ChannelBindingData;
import org.parley.xmpp.vysper.SaslThrottle;
import org.parley.xmpp.vysper.TlsAware;

/**
 * One SCRAM mechanism ({@code SCRAM-SHA-256}, {@code SCRAM-SHA-1}, or their {@code -PLUS} variants) as Vysper's
 * {@link SASLMechanism}. Vysper calls {@link #started} for {@code <auth/>}; the rest of the exchange arrives as
 * {@code <response/>}, which Vysper 0.7 has no handler for, so {@link SaslResponseHandler} continues it.
 */
final class ScramMechanism implements SASLMechanism {

    private final ScramServer server;
    private final ScramHash hash;
    private final boolean plus;
    private final SaslThrottle throttle;

    ScramMechanism(ScramServer server, ScramHash hash, boolean plus, SaslThrottle throttle) {
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.server = Objects.requireNonNull(server, "server");
        this.hash = Objects.requireNonNull(hash, "hash");
        this.plus = plus;
    }

    @Override
    public String getName() {
        return plus ? hash.mechanism() + "-PLUS" : hash.mechanism();
    }

    @Override
    public Stanza started(SessionContext session, SessionStateHolder state, Stanza auth) {
        return SaslStanzas.step(server.start(hash, plus, bindings(session)), auth, session, state, throttle);
    }

    /** What this connection can bind to: its real TLS session, never a value the client could choose. */
    private static ChannelBindings bindings(SessionContext session) {
        if (session instanceof TlsAware tls) {
            return tls.tlsSession().map(ChannelBindingData::of).map(ChannelBindings::of)
                    .orElse(ChannelBindings.none());
        }
        return ChannelBindings.none();
    }
}
