package org.parley.config;

import java.util.Map;

/**
 * Message carbons (XEP-0280): copies of a user's messages to their other resources ({@code carbons.*}).
 *
 * @param enabled whether the feature runs and is advertised ({@code carbons.enabled}); on by default, as Prosody
 *     and ejabberd ship it
 */
public record CarbonsConfig(boolean enabled) {

    static final String ENABLED = "carbons.enabled";

    /** Adds this feature's keys and their defaults. */
    static void defaults(Map<String, String> d) {
        d.put(ENABLED, "true");
    }

    static CarbonsConfig load(ConfigValues v) throws ConfigException {
        return new CarbonsConfig(v.bool(ENABLED));
    }

    /** Adds this feature's effective values, as {@link ServerConfig#effectiveProperties()} shows them. */
    void effective(Map<String, String> p) {
        p.put(ENABLED, Boolean.toString(enabled));
    }
}
