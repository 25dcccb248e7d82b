package org.parley.config;

import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The configuration key names and their defaults, in one place so the loader, {@link ServerConfig#effectiveProperties()}
 * and the documentation test cannot disagree about spelling.
 */
final class ConfigKeys {

    static final String DOMAIN = "domain";
    static final String C2S_BIND = "c2s.bind";
    static final String C2S_PORT = "c2s.port";
    static final String C2S_BACKLOG = "c2s.backlog";
    static final String C2S_TCP_NODELAY = "c2s.tcp_nodelay";
    static final String C2S_IDLE_TIMEOUT = "c2s.idle_timeout";
    static final String C2S_STARTTLS_REQUIRED = "c2s.starttls.required";
    static final String C2S_MAX_QUEUED_STANZAS = "c2s.max_queued_stanzas";
    static final String C2S_MAX_STANZA_SIZE = "c2s.max_stanza_size";
    static final String C2S_DIRECT_TLS_ENABLED = "c2s.direct_tls.enabled";
    static final String C2S_DIRECT_TLS_PORT = "c2s.direct_tls.port";
    static final String C2S_MAX_DEPTH = "c2s.max_depth";
    static final String C2S_MAX_ATTRIBUTES = "c2s.max_attributes";
    static final String C2S_MAX_PREAUTH_BYTES = "c2s.max_preauth_bytes";
    static final String DATA_DIR = "data.dir";
    static final String TLS_CERT = "tls.cert";
    static final String TLS_KEY = "tls.key";
    static final String TLS_PKCS12 = "tls.pkcs12";
    static final String TLS_PKCS12_PASSWORD = "tls.pkcs12.password";
    static final String TLS_RELOAD_INTERVAL = "tls.reload_interval";
    static final String REGISTRATION_INBAND = "registration.inband";
    static final String PASSWORD_MIN_LENGTH = "account.password.min_length";
    static final String SCRAM_ITERATIONS = "account.scram.iterations";
    static final String DB_POOL_SIZE = "db.pool.size";
    static final String PROCESSING_THREADS = "processing.threads";
    static final String C2S_MAX_OUTPUT_BYTES = "c2s.max_output_bytes";
    static final String C2S_WRITE_TIMEOUT = "c2s.write_timeout";
    /**
     * Keys of earlier versions that no longer do anything: accepted with a warning, so an old configuration file
     * still starts the server. {@code relay.*} configured the delivery lanes, which ADR 0016 removed.
     */
    static final java.util.Set<String> RETIRED = java.util.Set.of("relay.threads", "relay.queue.capacity");
    static final String SHUTDOWN_GRACE = "shutdown.grace";
    static final String OFFLINE_MAX_MESSAGES = "offline.max_messages";
    static final String OFFLINE_MAX_BYTES = "offline.max_bytes";
    static final String ROSTER_CACHE_SIZE = "roster.cache_size";
    static final String PROXY65_ENABLED = "proxy65.enabled";
    static final String PROXY65_BIND = "proxy65.bind";
    static final String PROXY65_PORT = "proxy65.port";
    static final String PROXY65_HOST = "proxy65.host";
    static final String PROXY65_TIMEOUT = "proxy65.timeout";
    static final String PROXY65_MAX_PAIRS = "proxy65.max_pairs";
    // flood and abuse control (#4), docs/security.md
    static final String MAX_SESSIONS_PER_ACCOUNT = "c2s.max_sessions_per_account";
    static final String MAX_UNAUTHENTICATED = "c2s.max_unauthenticated";
    static final String MAX_UNAUTHENTICATED_PER_IP = "c2s.max_unauthenticated_per_ip";
    static final String READ_RATE = "c2s.read_rate";
    static final String READ_BURST = "c2s.read_burst";
    static final String PING_INTERVAL = "c2s.ping_interval";
    static final String PING_TIMEOUT = "c2s.ping_timeout";
    static final String LOGIN_TIMEOUT = "c2s.login_timeout";
    static final String AUTH_DELAY_AFTER = "auth.throttle.delay_after";
    static final String AUTH_DELAY_MS = "auth.throttle.delay_ms";
    static final String AUTH_LOCKOUT_AFTER = "auth.throttle.lockout_after";
    static final String AUTH_LOCKOUT = "auth.throttle.lockout";
    static final String AUTH_ACCOUNT_LOCKOUT_AFTER = "auth.throttle.account_lockout_after";

    /** Keys whose values must never reach a log line. */
    static final Set<String> SECRETS = Set.of(TLS_PKCS12_PASSWORD);

    /** What secrets are replaced with when shown. */
    static final String MASK = "****";

    static final SortedMap<String, String> DEFAULTS = buildDefaults();

    private ConfigKeys() {}

    private static SortedMap<String, String> buildDefaults() {
        SortedMap<String, String> d = new TreeMap<>();
        d.put(DOMAIN, "localhost");
        d.put(C2S_BIND, "0.0.0.0");
        d.put(C2S_PORT, "5222");
        d.put(C2S_BACKLOG, "128");
        d.put(C2S_TCP_NODELAY, "true");
        d.put(C2S_IDLE_TIMEOUT, "600");
        d.put(C2S_STARTTLS_REQUIRED, "true");
        d.put(C2S_MAX_QUEUED_STANZAS, "1000");
        d.put(C2S_MAX_STANZA_SIZE, "262144");
        d.put(C2S_DIRECT_TLS_ENABLED, "true");
        d.put(C2S_DIRECT_TLS_PORT, "5223");
        d.put(C2S_MAX_DEPTH, "32");
        d.put(C2S_MAX_ATTRIBUTES, "64");
        d.put(C2S_MAX_PREAUTH_BYTES, "65536");
        d.put(DATA_DIR, "data");
        d.put(TLS_CERT, "certs/fullchain.pem");
        d.put(TLS_KEY, "certs/privkey.pem");
        d.put(TLS_PKCS12, "");
        d.put(TLS_PKCS12_PASSWORD, "");
        d.put(TLS_RELOAD_INTERVAL, "60");
        d.put(REGISTRATION_INBAND, "false");
        d.put(PASSWORD_MIN_LENGTH, "8");
        d.put(SCRAM_ITERATIONS, "10000");
        d.put(DB_POOL_SIZE, "8");
        d.put(PROCESSING_THREADS, "16");
        d.put(C2S_MAX_OUTPUT_BYTES, "1048576");
        d.put(C2S_WRITE_TIMEOUT, "30");
        d.put(SHUTDOWN_GRACE, "5");
        d.put(OFFLINE_MAX_MESSAGES, "1000");
        d.put(OFFLINE_MAX_BYTES, "10485760");
        d.put(ROSTER_CACHE_SIZE, "100000");
        d.put(PROXY65_ENABLED, "true");
        d.put(PROXY65_BIND, "");
        d.put(PROXY65_PORT, "7777");
        d.put(PROXY65_HOST, "");
        d.put(PROXY65_TIMEOUT, "30");
        d.put(PROXY65_MAX_PAIRS, "100");
        d.put(MAX_SESSIONS_PER_ACCOUNT, "10");
        d.put(MAX_UNAUTHENTICATED, "1000");
        d.put(MAX_UNAUTHENTICATED_PER_IP, "10");
        d.put(READ_RATE, "65536");
        d.put(READ_BURST, "262144");
        d.put(PING_INTERVAL, "300");
        d.put(PING_TIMEOUT, "60");
        d.put(LOGIN_TIMEOUT, "60");
        d.put(AUTH_DELAY_AFTER, "5");
        d.put(AUTH_DELAY_MS, "1000");
        d.put(AUTH_LOCKOUT_AFTER, "10");
        d.put(AUTH_LOCKOUT, "300");
        d.put(AUTH_ACCOUNT_LOCKOUT_AFTER, "100");
        // the features that keep a user's devices in step (issue 12), each with its keys in its own record
        SmConfig.defaults(d);
        CarbonsConfig.defaults(d);
        MamConfig.defaults(d);
        CsiConfig.defaults(d);
        return Collections.unmodifiableSortedMap(d);
    }

    /** The value as it may be shown to an operator: secrets masked, an empty secret left empty (it says "unset"). */
    static String display(String key, String value) {
        return SECRETS.contains(key) && !value.isEmpty() ? MASK : value;
    }
}
