package org.parley.config;

import java.time.Duration;
import java.util.Map;

/**
 * Stream management (XEP-0198): acknowledgements and resumption of sessions whose link drops ({@code sm.*}); see
 * docs/adr/0021.
 *
 * @param enabled whether the feature runs and is advertised ({@code sm.enabled}); on by default, as Prosody
 *     and ejabberd ship it
 * @param requestAfter the server asks the client for an acknowledgement ({@code <r/>}) after this many
 *     unacknowledged stanzas ({@code sm.request_after})
 * @param requestDelay ... or after this long with stanzas unacknowledged ({@code sm.request_delay})
 * @param resumeTimeout how long the session of a client whose connection dropped waits for it to resume
 *     ({@code sm.resume_timeout}), also the {@code max} the server announces
 * @param maxUnacked stanzas one session may hold unacknowledged, connected or waiting ({@code sm.max_unacked})
 * @param maxResumablePerAccount waiting sessions per account ({@code sm.max_resumable_per_account})
 * @param maxResumable waiting sessions on the server ({@code sm.max_resumable})
 */
public record SmConfig(boolean enabled, int requestAfter, Duration requestDelay, Duration resumeTimeout,
        int maxUnacked, int maxResumablePerAccount, int maxResumable) {

    static final String ENABLED = "sm.enabled";
    static final String REQUEST_AFTER = "sm.request_after";
    static final String REQUEST_DELAY = "sm.request_delay";
    static final String RESUME_TIMEOUT = "sm.resume_timeout";
    static final String MAX_UNACKED = "sm.max_unacked";
    static final String MAX_RESUMABLE_PER_ACCOUNT = "sm.max_resumable_per_account";
    static final String MAX_RESUMABLE = "sm.max_resumable";

    /** Adds this feature's keys and their defaults. */
    static void defaults(Map<String, String> d) {
        d.put(ENABLED, "true");
        d.put(REQUEST_AFTER, "5");
        d.put(REQUEST_DELAY, "5");
        d.put(RESUME_TIMEOUT, "300");
        d.put(MAX_UNACKED, "1000");
        d.put(MAX_RESUMABLE_PER_ACCOUNT, "5");
        d.put(MAX_RESUMABLE, "10000");
    }

    static SmConfig load(ConfigValues v) throws ConfigException {
        return new SmConfig(v.bool(ENABLED), v.intIn(REQUEST_AFTER, 1, 10_000), v.secondsIn(REQUEST_DELAY, 1, 3600),
                v.secondsIn(RESUME_TIMEOUT, 1, 86_400), v.intIn(MAX_UNACKED, 10, 1_000_000),
                v.intIn(MAX_RESUMABLE_PER_ACCOUNT, 1, 1000), v.intIn(MAX_RESUMABLE, 1, 10_000_000));
    }

    /** Adds this feature's effective values, as {@link ServerConfig#effectiveProperties()} shows them. */
    void effective(Map<String, String> p) {
        p.put(ENABLED, Boolean.toString(enabled));
        p.put(REQUEST_AFTER, Integer.toString(requestAfter));
        p.put(REQUEST_DELAY, Long.toString(requestDelay.toSeconds()));
        p.put(RESUME_TIMEOUT, Long.toString(resumeTimeout.toSeconds()));
        p.put(MAX_UNACKED, Integer.toString(maxUnacked));
        p.put(MAX_RESUMABLE_PER_ACCOUNT, Integer.toString(maxResumablePerAccount));
        p.put(MAX_RESUMABLE, Integer.toString(maxResumable));
    }
}
