package org.parley.account;

/**
 * Why a SASL exchange failed, as the defined conditions of RFC 6120 §6.5 that Parley's mechanisms send. The
 * condition says only what the client may learn: a wrong password, an unknown user, a wrong channel binding and a
 * downgrade attempt all look the same ({@link #NOT_AUTHORIZED}).
 */
public enum SaslFailure {
    /** §6.5.1: the client sent {@code <abort/>}. */
    ABORTED("aborted"),
    /** §6.5.2: the data was not valid base64, or not valid UTF-8. */
    INCORRECT_ENCODING("incorrect-encoding"),
    /** §6.5.4: the client asked to act as someone other than itself. */
    INVALID_AUTHZID("invalid-authzid"),
    /** §6.5.8: the message does not follow the mechanism's syntax. */
    MALFORMED_REQUEST("malformed-request"),
    /** §6.5.10: the credentials were not verified (any reason the client must not be able to tell apart). */
    NOT_AUTHORIZED("not-authorized");

    private final String condition;

    SaslFailure(String condition) {
        this.condition = condition;
    }

    /** The element name inside {@code <failure/>}, e.g. {@code not-authorized}. */
    public String condition() {
        return condition;
    }
}
