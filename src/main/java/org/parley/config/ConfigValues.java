package org.parley.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, range-checked reads of raw configuration text (the idea of Prosody's {@code get_option_number(name, default,
 * min, max)}): each accessor either returns a valid value or throws a {@link ConfigException} that names the key, the
 * bad value and what is allowed.
 */
final class ConfigValues {

    private final Map<String, String> raw;

    /** @param raw every known key with its trimmed text; defaults already merged in */
    ConfigValues(Map<String, String> raw) {
        this.raw = raw;
    }

    String text(String key) {
        String value = raw.get(key);
        if (value == null) {
            // Defaults cover every key, so this is a programming error, not an operator's.
            throw new IllegalStateException("no value or default for configuration key '" + key + "'");
        }
        return value;
    }

    int intIn(String key, int min, int max) throws ConfigException {
        return parseInt(key, min, max, "an integer " + min + ".." + max);
    }

    Duration millisIn(String key, int min, int max) throws ConfigException {
        return Duration.ofMillis(parseInt(key, min, max, "an integer number of milliseconds " + min + ".." + max));
    }

    Duration secondsIn(String key, int min, int max) throws ConfigException {
        return Duration.ofSeconds(parseInt(key, min, max, "an integer number of seconds " + min + ".." + max));
    }

    boolean bool(String key) throws ConfigException {
        String value = text(key);
        // Boolean.parseBoolean would read "yes" or "ture" as false; an operator's typo must not flip a security switch.
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(key, "true or false", value);
    }

    /** A non-empty value without whitespace, e.g. a host name or address literal. */
    String token(String key, String what) throws ConfigException {
        String value = text(key);
        if (value.isEmpty() || value.codePoints().anyMatch(ConfigValues::isSpaceOrControl)) {
            throw invalid(key, what, value);
        }
        return value;
    }

    /** Like {@link #token}, but an empty value means "not set". */
    Optional<String> optionalToken(String key, String what) throws ConfigException {
        return text(key).isEmpty() ? Optional.empty() : Optional.of(token(key, what));
    }

    /**
     * The XMPP domain in the canonical form {@code org.parley.xmpp.BareJid} uses (lower case, one trailing dot
     * dropped), so the configured domain compares equal to the domainpart of every local JID.
     */
    String domain(String key) throws ConfigException {
        String value = text(key);
        String canonical = value.toLowerCase(Locale.ROOT);
        if (canonical.endsWith(".")) {
            canonical = canonical.substring(0, canonical.length() - 1);
        }
        if (canonical.isEmpty() || canonical.indexOf('@') >= 0 || canonical.indexOf('/') >= 0
                || canonical.codePoints().anyMatch(ConfigValues::isSpaceOrControl)) {
            throw invalid(key, "a non-empty domain name without '@', '/' or whitespace", value);
        }
        return canonical;
    }

    Path path(String key) throws ConfigException {
        String value = text(key);
        if (value.isEmpty()) {
            // Path.of("") is the working directory, which is never what an operator who blanked the key meant.
            throw invalid(key, "a file system path", value);
        }
        return toPath(key, value);
    }

    Optional<Path> optionalPath(String key) throws ConfigException {
        String value = text(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(toPath(key, value));
    }

    private Path toPath(String key, String value) throws ConfigException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid(key, "a valid file system path (" + e.getReason() + ")", value);
        }
    }

    private int parseInt(String key, int min, int max, String allowed) throws ConfigException {
        String value = text(key);
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(key, allowed, value);
        }
        if (parsed < min || parsed > max) {
            throw invalid(key, allowed, value);
        }
        return parsed;
    }

    private static ConfigException invalid(String key, String allowed, String value) {
        return new ConfigException(key, key + " must be " + allowed + ", was '" + ConfigKeys.display(key, value) + "'");
    }

    private static boolean isSpaceOrControl(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp);
    }
}
