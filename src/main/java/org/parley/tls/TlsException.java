package org.parley.tls;

/**
 * The server's certificate or key could not be loaded, generated or turned into a TLS context.
 *
 * <p>Checked, because startup must handle it: the message is written for an operator, names the file involved and,
 * where possible, says what to do about it, so the bootstrap can print it and stop without a stack trace.
 */
public final class TlsException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An error with an operator-facing message. */
    public TlsException(String message) {
        super(message);
    }

    /** An error with an operator-facing message and the underlying cause, kept for the debug log. */
    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
