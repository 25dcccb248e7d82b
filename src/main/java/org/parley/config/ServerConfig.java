package org.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.parley.offline.OfflineQuota;

/**
 * The whole server configuration, immutable and validated.
 *
 * <p>Build it with {@link ConfigLoader#load}, which checks every value against its allowed range; a {@code ServerConfig}
 * from there is known to be valid and, being a record tree, cannot change afterwards. Relative paths are kept as
 * written and are resolved against the working directory by whoever opens them.
 *
 * @param domain the XMPP domain this server serves, lower case ({@code domain})
 * @param c2s client-to-server listener settings ({@code c2s.*})
 * @param dataDir directory of the H2 database files ({@code data.dir})
 * @param tls certificate and key for STARTTLS ({@code tls.*})
 * @param accounts account and registration policy ({@code registration.inband}, {@code account.*})
 * @param database JDBC pool settings ({@code db.*})
 * @param processing stanza-processing and delivery threads ({@code processing.*}, output bounds,
 *     {@code shutdown.grace})
 * @param offline the per-user limits of offline message storage ({@code offline.*})
 * @param rosters the in-memory roster cache ({@code roster.*})
 * @param proxy65 the XEP-0065 SOCKS5 bytestreams proxy ({@code proxy65.*})
 * @param directTls the second client listener, TLS from the first byte ({@code c2s.direct_tls.*})
 * @param abuse flood and abuse limits (docs/security.md)
 * @param devices the features that keep one user's devices in step: stream management, carbons, archive, client
 *     state ({@code sm.*}, {@code carbons.*}, {@code mam.*}, {@code csi.*})
 */
public record ServerConfig(String domain, C2s c2s, Path dataDir, Tls tls, Accounts accounts, Database database,
        Processing processing, Offline offline, Rosters rosters, Proxy65 proxy65, DirectTls directTls, Abuse abuse,
        Devices devices) {

    /**
     * The features of issue 12, each configured in its own record.
     *
     * @param sm stream management (XEP-0198)
     * @param carbons message carbons (XEP-0280)
     * @param mam the message archive (XEP-0313)
     * @param csi client state indication (XEP-0352)
     */
    public record Devices(SmConfig sm, CarbonsConfig carbons, MamConfig mam, CsiConfig csi) {}

    /**
     * The client-to-server listener.
     *
     * @param bind address to listen on, an IPv4/IPv6 literal or host name ({@code c2s.bind})
     * @param port TCP port, 0 for any free port ({@code c2s.port})
     * @param backlog TCP accept backlog ({@code c2s.backlog})
     * @param tcpNoDelay whether Nagle's algorithm is disabled ({@code c2s.tcp_nodelay})
     * @param idleTimeout a connection without a bound resource silent this long is closed ({@code c2s.idle_timeout},
     *     seconds); logged-in sessions are pinged instead ({@code c2s.ping_interval})
     * @param startTlsRequired whether STARTTLS is advertised as required ({@code c2s.starttls.required}); SASL is
     *     never offered before TLS either way
     * @param maxQueuedStanzas stanzas from one connection that may wait for processing before reading from it pauses
     *     ({@code c2s.max_queued_stanzas})
     * @param maxStanzaSize bytes one stanza (or the stream header) may take before the stream is closed with
     *     {@code policy-violation} ({@code c2s.max_stanza_size})
     * @param maxDepth element nesting a client stream may reach, the stream element being depth 1
     *     ({@code c2s.max_depth}); deeper ends the stream with {@code policy-violation}
     * @param maxAttributes attributes, namespace declarations included, one element may have ({@code c2s.max_attributes})
     * @param maxPreAuthBytes bytes a client may send before SASL succeeds ({@code c2s.max_preauth_bytes})
     */
    public record C2s(
            String bind,
            int port,
            int backlog,
            boolean tcpNoDelay,
            Duration idleTimeout,
            boolean startTlsRequired,
            int maxQueuedStanzas,
            int maxStanzaSize,
            int maxDepth,
            int maxAttributes,
            int maxPreAuthBytes) {}

    /**
     * The direct TLS client listener (XEP-0368): TLS from the first byte, on the address of {@code c2s.bind}, with
     * every other setting of the {@code c2s} listener.
     *
     * @param enabled whether the listener runs ({@code c2s.direct_tls.enabled})
     * @param port TCP port, 0 for any free port ({@code c2s.direct_tls.port})
     */
    public record DirectTls(boolean enabled, int port) {}

    /**
     * TLS key material: either a PEM certificate chain and key, or a PKCS#12 keystore, which wins when set.
     *
     * @param cert PEM certificate chain, leaf first ({@code tls.cert})
     * @param key PEM private key ({@code tls.key})
     * @param pkcs12 PKCS#12 keystore used instead of {@code cert}/{@code key} when present ({@code tls.pkcs12})
     * @param pkcs12Password keystore password, possibly empty ({@code tls.pkcs12.password}); a secret
     * @param reloadInterval how often the files are checked for a change and re-read; zero turns the check off
     *     (SIGHUP still re-reads them) ({@code tls.reload_interval}, seconds)
     */
    public record Tls(Path cert, Path key, Optional<Path> pkcs12, String pkcs12Password, Duration reloadInterval) {

        /** Masks the password: the generated record {@code toString} would put it in any log line that prints this. */
        @Override
        public String toString() {
            return "Tls[cert=" + cert + ", key=" + key + ", pkcs12=" + pkcs12 + ", pkcs12Password="
                    + ConfigKeys.display(ConfigKeys.TLS_PKCS12_PASSWORD, pkcs12Password) + ", reloadInterval="
                    + reloadInterval + "]";
        }
    }

    /**
     * Account policy.
     *
     * @param inbandRegistration whether XEP-0077 in-band registration is offered ({@code registration.inband})
     * @param minPasswordLength shortest password accepted, in characters ({@code account.password.min_length})
     * @param scramIterations PBKDF2 iterations for stored SCRAM credentials ({@code account.scram.iterations})
     */
    public record Accounts(boolean inbandRegistration, int minPasswordLength, int scramIterations) {}

    /**
     * Database access.
     *
     * @param poolSize number of pooled JDBC connections ({@code db.pool.size})
     */
    public record Database(int poolSize) {}

    /**
     * The roster cache in front of the database ({@code org.parley.roster.CachingRosterStore}).
     *
     * @param cacheSize the most users whose rosters are held in memory at once ({@code roster.cache_size})
     */
    public record Rosters(int cacheSize) {}

    /**
     * Threads that process and deliver stanzas.
     *
     * @param threads stanza-processing threads; each connection's stanzas stay in order ({@code processing.threads})
     * @param maxOutputBytes bytes written to one client and not yet taken by it, past which that client is
     *     disconnected and its unread messages routed again ({@code c2s.max_output_bytes})
     * @param writeTimeout how long a client may leave written data unread before it is disconnected
     *     ({@code c2s.write_timeout}, seconds)
     * @param shutdownGrace time given to close streams on shutdown ({@code shutdown.grace}, seconds)
     */
    public record Processing(int threads, int maxOutputBytes, Duration writeTimeout, Duration shutdownGrace) {}

    /**
     * Offline message storage (XEP-0160): how much one user's queue may hold. Either limit at 0 turns offline
     * storage off, and senders get an error instead.
     *
     * @param maxMessages messages one user's queue may hold ({@code offline.max_messages})
     * @param maxBytes bytes of stanza text, in UTF-8, one user's queue may hold ({@code offline.max_bytes})
     */
    public record Offline(int maxMessages, long maxBytes) {

        /** The limits as the offline store takes them. */
        public OfflineQuota quota() {
            return new OfflineQuota(maxMessages, maxBytes);
        }
    }

    /**
     * The XEP-0065 SOCKS5 bytestreams proxy at {@code proxy.<domain>}, for file transfer between clients that cannot
     * reach each other.
     *
     * @param enabled whether the proxy runs and is announced ({@code proxy65.enabled})
     * @param bind address to listen on; empty means {@code c2s.bind} ({@code proxy65.bind})
     * @param port TCP port, 0 for any free port ({@code proxy65.port})
     * @param host the host name or address clients are told to connect to; empty means the listen address, or the
     *     domain when that is a wildcard ({@code proxy65.host})
     * @param timeout a connection not activated within this time is closed ({@code proxy65.timeout}, seconds)
     * @param maxPairs streams, waiting or relayed, that may exist at once ({@code proxy65.max_pairs})
     */
    public record Proxy65(boolean enabled, Optional<String> bind, int port, Optional<String> host, Duration timeout,
            int maxPairs) {

        /** Listen addresses that mean "every interface": not an address a client can connect to. */
        private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "::0", "0:0:0:0:0:0:0:0");

        /** The address to listen on: {@code proxy65.bind}, else the client listener's. */
        public String bindAddress(String c2sBind) {
            return bind.orElse(c2sBind);
        }

        /**
         * The host announced in the stream host: {@code proxy65.host}, else the listen address unless it is a
         * wildcard, which no client can connect to, in which case the domain (its DNS name points at this server).
         */
        public String advertisedHost(String c2sBind, String domain) {
            if (host.isPresent()) {
                return host.get();
            }
            String address = bindAddress(c2sBind);
            return WILDCARDS.contains(address) ? domain : address;
        }
    }

    /**
     * Flood and abuse control: what one account or one connection may take (docs/security.md).
     *
     * @param maxSessionsPerAccount resources one account may have bound at once; one more bind is refused with
     *     {@code resource-constraint} ({@code c2s.max_sessions_per_account})
     * @param maxUnauthenticated connections open without having authenticated, in all, before one more is closed with
     *     {@code policy-violation} ({@code c2s.max_unauthenticated})
     * @param maxUnauthenticatedPerIp the same, from one IP address ({@code c2s.max_unauthenticated_per_ip})
     * @param readRate bytes a second one connection is read at, on average; a faster sender is slowed, nothing is
     *     dropped ({@code c2s.read_rate})
     * @param readBurst bytes one connection may send at full speed after a quiet time ({@code c2s.read_burst})
     * @param pingInterval silence after which a logged-in session gets an XEP-0199 ping ({@code c2s.ping_interval},
     *     seconds)
     * @param pingTimeout time it then has to send anything before it is closed with {@code connection-timeout}
     *     ({@code c2s.ping_timeout}, seconds)
     * @param loginTimeout time a connection has, from its TCP accept, to authenticate and bind a resource before it
     *     is closed with {@code connection-timeout}, however busy it keeps the line ({@code c2s.login_timeout},
     *     seconds)
     * @param authDelayAfter failed authentications (per IP address, per account) after which each failure is
     *     answered late ({@code auth.throttle.delay_after})
     * @param authDelay the first such delay, doubled for each further failure up to 30 s
     *     ({@code auth.throttle.delay_ms})
     * @param authLockoutAfter failures from one IP address (for one account, or in all) after which attempts from it
     *     get {@code temporary-auth-failure} without a check ({@code auth.throttle.lockout_after})
     * @param authLockout how long, from the last failure ({@code auth.throttle.lockout}, seconds); also how long a
     *     failure is remembered
     * @param authAccountLockoutAfter failures for one account, from all addresses together, after which attempts at
     *     it are refused from every address that has failed for it, unless the account logged in from there before
     *     ({@code auth.throttle.account_lockout_after}; ADR 0019)
     */
    public record Abuse(int maxSessionsPerAccount, int maxUnauthenticated, int maxUnauthenticatedPerIp,
            int readRate, int readBurst, Duration pingInterval, Duration pingTimeout, Duration loginTimeout,
            int authDelayAfter, Duration authDelay, int authLockoutAfter, Duration authLockout,
            int authAccountLockoutAfter) {}

    /**
     * Every key with its effective value as text, in the syntax of {@code conf/parley.properties}, sorted by key, with
     * secrets ({@code tls.pkcs12.password}) masked as {@code ****} (an empty secret stays empty). Meant to be logged once
     * at startup.
     */
    public SortedMap<String, String> effectiveProperties() {
        SortedMap<String, String> p = new TreeMap<>();
        p.put(ConfigKeys.DOMAIN, domain);
        p.put(ConfigKeys.C2S_BIND, c2s.bind());
        p.put(ConfigKeys.C2S_PORT, Integer.toString(c2s.port()));
        p.put(ConfigKeys.C2S_BACKLOG, Integer.toString(c2s.backlog()));
        p.put(ConfigKeys.C2S_TCP_NODELAY, Boolean.toString(c2s.tcpNoDelay()));
        p.put(ConfigKeys.C2S_IDLE_TIMEOUT, Long.toString(c2s.idleTimeout().toSeconds()));
        p.put(ConfigKeys.C2S_STARTTLS_REQUIRED, Boolean.toString(c2s.startTlsRequired()));
        p.put(ConfigKeys.C2S_MAX_QUEUED_STANZAS, Integer.toString(c2s.maxQueuedStanzas()));
        p.put(ConfigKeys.C2S_MAX_STANZA_SIZE, Integer.toString(c2s.maxStanzaSize()));
        p.put(ConfigKeys.C2S_DIRECT_TLS_ENABLED, Boolean.toString(directTls.enabled()));
        p.put(ConfigKeys.C2S_DIRECT_TLS_PORT, Integer.toString(directTls.port()));
        p.put(ConfigKeys.C2S_MAX_DEPTH, Integer.toString(c2s.maxDepth()));
        p.put(ConfigKeys.C2S_MAX_ATTRIBUTES, Integer.toString(c2s.maxAttributes()));
        p.put(ConfigKeys.C2S_MAX_PREAUTH_BYTES, Integer.toString(c2s.maxPreAuthBytes()));
        p.put(ConfigKeys.DATA_DIR, dataDir.toString());
        p.put(ConfigKeys.TLS_CERT, tls.cert().toString());
        p.put(ConfigKeys.TLS_KEY, tls.key().toString());
        p.put(ConfigKeys.TLS_PKCS12, tls.pkcs12().map(Path::toString).orElse(""));
        p.put(ConfigKeys.TLS_PKCS12_PASSWORD,
                ConfigKeys.display(ConfigKeys.TLS_PKCS12_PASSWORD, tls.pkcs12Password()));
        p.put(ConfigKeys.TLS_RELOAD_INTERVAL, Long.toString(tls.reloadInterval().toSeconds()));
        p.put(ConfigKeys.REGISTRATION_INBAND, Boolean.toString(accounts.inbandRegistration()));
        p.put(ConfigKeys.PASSWORD_MIN_LENGTH, Integer.toString(accounts.minPasswordLength()));
        p.put(ConfigKeys.SCRAM_ITERATIONS, Integer.toString(accounts.scramIterations()));
        p.put(ConfigKeys.DB_POOL_SIZE, Integer.toString(database.poolSize()));
        p.put(ConfigKeys.PROCESSING_THREADS, Integer.toString(processing.threads()));
        p.put(ConfigKeys.C2S_MAX_OUTPUT_BYTES, Integer.toString(processing.maxOutputBytes()));
        p.put(ConfigKeys.C2S_WRITE_TIMEOUT, Long.toString(processing.writeTimeout().toSeconds()));
        p.put(ConfigKeys.SHUTDOWN_GRACE, Long.toString(processing.shutdownGrace().toSeconds()));
        p.put(ConfigKeys.OFFLINE_MAX_MESSAGES, Integer.toString(offline.maxMessages()));
        p.put(ConfigKeys.OFFLINE_MAX_BYTES, Long.toString(offline.maxBytes()));
        p.put(ConfigKeys.ROSTER_CACHE_SIZE, Integer.toString(rosters.cacheSize()));
        p.put(ConfigKeys.PROXY65_ENABLED, Boolean.toString(proxy65.enabled()));
        p.put(ConfigKeys.PROXY65_BIND, proxy65.bind().orElse(""));
        p.put(ConfigKeys.PROXY65_PORT, Integer.toString(proxy65.port()));
        p.put(ConfigKeys.PROXY65_HOST, proxy65.host().orElse(""));
        p.put(ConfigKeys.PROXY65_TIMEOUT, Long.toString(proxy65.timeout().toSeconds()));
        p.put(ConfigKeys.PROXY65_MAX_PAIRS, Integer.toString(proxy65.maxPairs()));
        p.put(ConfigKeys.MAX_SESSIONS_PER_ACCOUNT, Integer.toString(abuse.maxSessionsPerAccount()));
        p.put(ConfigKeys.MAX_UNAUTHENTICATED, Integer.toString(abuse.maxUnauthenticated()));
        p.put(ConfigKeys.MAX_UNAUTHENTICATED_PER_IP, Integer.toString(abuse.maxUnauthenticatedPerIp()));
        p.put(ConfigKeys.READ_RATE, Integer.toString(abuse.readRate()));
        p.put(ConfigKeys.READ_BURST, Integer.toString(abuse.readBurst()));
        p.put(ConfigKeys.PING_INTERVAL, Long.toString(abuse.pingInterval().toSeconds()));
        p.put(ConfigKeys.PING_TIMEOUT, Long.toString(abuse.pingTimeout().toSeconds()));
        p.put(ConfigKeys.LOGIN_TIMEOUT, Long.toString(abuse.loginTimeout().toSeconds()));
        p.put(ConfigKeys.AUTH_DELAY_AFTER, Integer.toString(abuse.authDelayAfter()));
        p.put(ConfigKeys.AUTH_DELAY_MS, Long.toString(abuse.authDelay().toMillis()));
        p.put(ConfigKeys.AUTH_LOCKOUT_AFTER, Integer.toString(abuse.authLockoutAfter()));
        p.put(ConfigKeys.AUTH_LOCKOUT, Long.toString(abuse.authLockout().toSeconds()));
        p.put(ConfigKeys.AUTH_ACCOUNT_LOCKOUT_AFTER, Integer.toString(abuse.authAccountLockoutAfter()));
        devices.sm().effective(p);
        devices.carbons().effective(p);
        devices.mam().effective(p);
        devices.csi().effective(p);
        return Collections.unmodifiableSortedMap(p);
    }
}
