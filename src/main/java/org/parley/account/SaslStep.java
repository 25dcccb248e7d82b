package org.parley.account;

import java.util.Objects;
import org.parley.xmpp.BareJid;

/** What a server-side SASL exchange answers to one client message (RFC 6120 §6.4). */
public sealed interface SaslStep {

    /**
     * Send {@code <challenge/>} with this data and wait for a {@code <response/>}.
     *
     * @param data the raw challenge, base64-encoded on the wire
     */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            data = Objects.requireNonNull(data, "data").clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /**
     * Send {@code <success/>} with the additional data; the user is authenticated.
     *
     * @param user the authenticated account
     * @param additionalData for SCRAM the server-final-message, which proves the server knew the verifier
     */
    record Success(BareJid user, byte[] additionalData) implements SaslStep {
        public Success {
            Objects.requireNonNull(user, "user");
            additionalData = Objects.requireNonNull(additionalData, "additionalData").clone();
        }

        @Override
        public byte[] additionalData() {
            return additionalData.clone();
        }
    }

    /** Send {@code <failure/>} with this condition; the exchange is over. */
    record Failure(SaslFailure condition) implements SaslStep {
        public Failure {
            Objects.requireNonNull(condition, "condition");
        }
    }
}
