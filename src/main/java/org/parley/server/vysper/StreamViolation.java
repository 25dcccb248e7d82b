package org.parley.server.vysper;

/**
 * Decoder output meaning "this client broke a rule of the stream; close it with this stream error" (RFC 6120 §4.9).
 * The decoder emits it in order after the stanzas that came before the offence and reads nothing more, so the
 * handler processes those stanzas, then sends the error and ends the session; other connections are not touched.
 *
 * @param condition the RFC 6120 §4.9.3 condition name, e.g. {@code restricted-xml}
 * @param text an English explanation for the client; never quotes what the client sent
 */
record StreamViolation(String condition, String text) {

    static StreamViolation notWellFormed(String text) {
        return new StreamViolation("not-well-formed", text);
    }

    static StreamViolation restrictedXml(String text) {
        return new StreamViolation("restricted-xml", text);
    }

    static StreamViolation policyViolation(String text) {
        return new StreamViolation("policy-violation", text);
    }

    /** Thrown inside the decoder to unwind parsing; carries the violation to emit. */
    static final class Raised extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient StreamViolation violation;

        Raised(StreamViolation violation) {
            super(violation.condition() + ": " + violation.text(), null, false, false);
            this.violation = violation;
        }

        StreamViolation violation() {
            return violation;
        }
    }

    Raised raise() {
        return new Raised(this);
    }
}
