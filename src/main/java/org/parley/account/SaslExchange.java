package org.parley.account;

import java.util.Optional;
import org.parley.xmpp.BareJid;

/**
 * One server-side SASL authentication in progress on one connection (RFC 6120 §6.4). Not thread-safe: a
 * connection's SASL elements are handled one at a time, in order.
 */
public interface SaslExchange {

    /**
     * Answers the next client message: the initial response of {@code <auth/>} first, then each
     * {@code <response/>}. After a {@link SaslStep.Success} or {@link SaslStep.Failure} the exchange is over and
     * answers every further message with {@link SaslFailure#MALFORMED_REQUEST}.
     *
     * @param data the decoded client data, empty when the client sent none
     */
    SaslStep respond(byte[] data);

    /**
     * The account the client named, once the exchange has read it (for throttling failed attempts per account);
     * empty before that, or when the name is not a valid account of this domain.
     */
    default Optional<BareJid> user() {
        return Optional.empty();
    }
}
