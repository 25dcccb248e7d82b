package org.parley.xmpp.vysper;

import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * A session context that knows the TLS session its connection runs over. Features that bind to the channel (SCRAM
 * {@code -PLUS}, RFC 5802 §6) read it from the session they serve instead of reaching into the transport.
 */
public interface TlsAware {

    /** The established TLS session of this connection; empty before STARTTLS completes. */
    Optional<SSLSession> tlsSession();
}
