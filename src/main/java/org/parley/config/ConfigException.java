package org.parley.config;

/**
 * The configuration cannot be loaded: a key is unknown, a value is invalid, or the file cannot be read.
 *
 * <p>Checked, because the only sensible reaction is at the composition root: report the message to the operator and
 * refuse to start. The message is written for the operator and always names the key (or file) at fault.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the configuration key at fault, or {@code null} when the problem is not tied to one key
     * @param message what is wrong and what is allowed, fit to show an operator
     */
    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /**
     * @param message what is wrong, fit to show an operator
     * @param cause the I/O or parse failure behind it
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.key = null;
    }

    /** The configuration key at fault, or {@code null} for file-level problems (missing or unreadable file). */
    public String key() {
        return key;
    }
}
