package org.parley.config;

import java.util.Map;

/**
 * The message archive (XEP-0313): every user's conversations kept on the server ({@code mam.*}).
 *
 * @param enabled whether the feature runs and is advertised ({@code mam.enabled}); on by default, as Prosody
 *     and ejabberd ship it
 */
public record MamConfig(boolean enabled) {

    static final String ENABLED = "mam.enabled";

    /** Adds this feature's keys and their defaults. */
    static void defaults(Map<String, String> d) {
        d.put(ENABLED, "true");
    }

    static MamConfig load(ConfigValues v) throws ConfigException {
        return new MamConfig(v.bool(ENABLED));
    }

    /** Adds this feature's effective values, as {@link ServerConfig#effectiveProperties()} shows them. */
    void effective(Map<String, String> p) {
        p.put(ENABLED, Boolean.toString(enabled));
    }
}
