package org.parley.config;

import java.util.Map;

/**
 * Stream management (XEP-0198): acknowledgements and resumption of sessions whose link drops ({@code sm.*}).
 *
 * @param enabled whether the feature runs and is advertised ({@code sm.enabled}); on by default, as Prosody
 *     and ejabberd ship it
 */
public record SmConfig(boolean enabled) {

    static final String ENABLED = "sm.enabled";

    /** Adds this feature's keys and their defaults. */
    static void defaults(Map<String, String> d) {
        d.put(ENABLED, "true");
    }

    static SmConfig load(ConfigValues v) throws ConfigException {
        return new SmConfig(v.bool(ENABLED));
    }

    /** Adds this feature's effective values, as {@link ServerConfig#effectiveProperties()} shows them. */
    void effective(Map<String, String> p) {
        p.put(ENABLED, Boolean.toString(enabled));
    }
}
