package org.parley.config;

import java.util.Map;

/**
 * Client state indication (XEP-0352): what an inactive client is spared ({@code csi.*}).
 *
 * @param enabled whether the feature runs and is advertised ({@code csi.enabled}); on by default, as Prosody
 *     and ejabberd ship it
 * @param maxHeld stanzas held back for one inactive resource at most ({@code csi.max_held}); one more flushes them
 *     all, in order. Prosody's {@code csi_queue_size} default, 256
 */
public record CsiConfig(boolean enabled, int maxHeld) {

    static final String ENABLED = "csi.enabled";
    static final String MAX_HELD = "csi.max_held";

    /** Adds this feature's keys and their defaults. */
    static void defaults(Map<String, String> d) {
        d.put(ENABLED, "true");
        d.put(MAX_HELD, "256");
    }

    static CsiConfig load(ConfigValues v) throws ConfigException {
        return new CsiConfig(v.bool(ENABLED), v.intIn(MAX_HELD, 1, 100_000));
    }

    /** Adds this feature's effective values, as {@link ServerConfig#effectiveProperties()} shows them. */
    void effective(Map<String, String> p) {
        p.put(ENABLED, Boolean.toString(enabled));
        p.put(MAX_HELD, Integer.toString(maxHeld));
    }
}
