package org.parley.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.parley.archive.ArchiveDefault;

/**
 * The message archive (XEP-0313): every user's conversations kept on the server ({@code mam.*}).
 *
 * @param enabled whether the feature runs and is advertised ({@code mam.enabled}); on by default, as Prosody
 *     and ejabberd ship it
 * @param defaultRule what is archived for a user who set no preferences ({@code mam.default}): {@code always}, as
 *     Prosody's {@code default_archive_policy = true} and the {@code default: always} of ejabberd's example config
 * @param retention how long a message is kept ({@code mam.retention}, seconds); zero keeps everything
 * @param maxMessagesPerUser most messages one archive keeps, the oldest dropped beyond it
 *     ({@code mam.max_messages_per_user}); zero for no limit
 */
public record MamConfig(boolean enabled, ArchiveDefault defaultRule, Duration retention, int maxMessagesPerUser) {

    static final String ENABLED = "mam.enabled";
    static final String DEFAULT = "mam.default";
    static final String RETENTION = "mam.retention";
    static final String MAX_PER_USER = "mam.max_messages_per_user";

    public MamConfig {
        Objects.requireNonNull(defaultRule, "defaultRule");
        Objects.requireNonNull(retention, "retention");
    }

    /** Adds this feature's keys and their defaults. */
    static void defaults(Map<String, String> d) {
        d.put(ENABLED, "true");
        d.put(DEFAULT, "always");
        d.put(RETENTION, "0");
        d.put(MAX_PER_USER, "0");
    }

    static MamConfig load(ConfigValues v) throws ConfigException {
        String rule = v.token(DEFAULT, "always, never or roster");
        ArchiveDefault defaultRule = ArchiveDefault.fromWire(rule).orElseThrow(() -> new ConfigException(DEFAULT,
                DEFAULT + " must be always, never or roster, was '" + rule + "'"));
        return new MamConfig(v.bool(ENABLED), defaultRule, v.secondsIn(RETENTION, 0, Integer.MAX_VALUE),
                v.intIn(MAX_PER_USER, 0, 100_000_000));
    }

    /** Adds this feature's effective values, as {@link ServerConfig#effectiveProperties()} shows them. */
    void effective(Map<String, String> p) {
        p.put(ENABLED, Boolean.toString(enabled));
        p.put(DEFAULT, defaultRule.wire());
        p.put(RETENTION, Long.toString(retention.toSeconds()));
        p.put(MAX_PER_USER, Integer.toString(maxMessagesPerUser));
    }
}
