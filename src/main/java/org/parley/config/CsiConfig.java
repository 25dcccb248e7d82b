package org.parley.config;

import java.util.Map;

/**
 * Client state indication (XEP-0352): what an inactive client is spared ({@code csi.*}).
 *
 * @param enabled whether the feature runs and is advertised ({@code csi.enabled}); on by default, as Prosody
 *     and ejabberd ship it
 */
public record CsiConfig(boolean enabled) {

    static final String ENABLED = "csi.enabled";

    /** Adds this feature's keys and their defaults. */
    static void defaults(Map<String, String> d) {
        d.put(ENABLED, "true");
    }

    static CsiConfig load(ConfigValues v) throws ConfigException {
        return new CsiConfig(v.bool(ENABLED));
    }

    /** Adds this feature's effective values, as {@link ServerConfig#effectiveProperties()} shows them. */
    void effective(Map<String, String> p) {
        p.put(ENABLED, Boolean.toString(enabled));
    }
}
