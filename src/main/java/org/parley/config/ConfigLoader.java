package org.parley.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link ServerConfig} from, in increasing precedence: built-in defaults, a properties file, and
 * {@code --set key=value} overrides from the command line.
 *
 * <p>This is the only code that reads configuration. It rejects unknown keys (almost always typos, which would
 * otherwise silently fall back to a default) and every out-of-range value, so startup stops with a message that names
 * the key instead of the server running with a setting the operator did not intend.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    /** Picked up from the working directory when no file is given, so {@code java -jar parley.jar} just works. */
    static final Path DEFAULT_FILE = Path.of("conf", "parley.properties");

    private ConfigLoader() {}

    /**
     * Loads and validates the configuration.
     *
     * @param file the properties file (UTF-8); when empty, {@code conf/parley.properties} in the working directory is
     *     used if it exists, otherwise only defaults and overrides apply
     * @param overrides key to value, applied after the file (see {@link #parseOverrides})
     * @throws ConfigException naming the key, the bad value and what is allowed; or naming the file when a file given
     *     explicitly does not exist or cannot be read
     */
    public static ServerConfig load(Optional<Path> file, Map<String, String> overrides) throws ConfigException {
        Map<String, String> raw = new HashMap<>(ConfigKeys.DEFAULTS);
        Optional<Path> source = file.isPresent() ? file : defaultFileIfPresent();
        if (source.isPresent()) {
            Path path = source.get();
            if (!Files.isRegularFile(path)) {
                throw new ConfigException(null, "configuration file '" + path + "' does not exist or is not a file");
            }
            LOG.info("Reading configuration from {}", path.toAbsolutePath());
            merge(raw, readFile(path), "in configuration file '" + path + "'");
        } else {
            LOG.info("No configuration file given and {} not found; using defaults", DEFAULT_FILE);
        }
        merge(raw, overrides, "given with --set");
        return build(new ConfigValues(raw));
    }

    /**
     * Parses {@code key=value} arguments as given to {@code --set}. Key and value are trimmed; the value may be empty
     * and may itself contain '='. A later argument for the same key wins.
     *
     * @throws ConfigException naming the argument when it has no '=' or no key
     */
    public static Map<String, String> parseOverrides(List<String> keyEqualsValue) throws ConfigException {
        Map<String, String> result = new LinkedHashMap<>();
        for (String argument : keyEqualsValue) {
            int eq = argument.indexOf('=');
            String key = eq < 0 ? "" : argument.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new ConfigException(null, "--set expects key=value, got '" + argument + "'");
            }
            result.put(key, argument.substring(eq + 1).trim());
        }
        return result;
    }

    /** Every configuration key with its default value as text, sorted by key. */
    public static SortedMap<String, String> defaults() {
        return ConfigKeys.DEFAULTS;
    }

    private static Optional<Path> defaultFileIfPresent() {
        return Files.isRegularFile(DEFAULT_FILE) ? Optional.of(DEFAULT_FILE) : Optional.empty();
    }

    private static Map<String, String> readFile(Path path) throws ConfigException {
        Properties properties = new Properties();
        // A Reader, not an InputStream: Properties.load(InputStream) assumes ISO-8859-1, and the file is UTF-8.
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: Properties rejects a malformed unicode escape that way.
            throw new ConfigException("cannot read configuration file '" + path + "': " + e, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name));
        }
        return values;
    }

    private static void merge(Map<String, String> raw, Map<String, String> layer, String where)
            throws ConfigException {
        for (Map.Entry<String, String> entry : layer.entrySet()) {
            String key = entry.getKey().trim();
            if (ConfigKeys.RETIRED.contains(key)) {
                LOG.warn("configuration key '{}' {} no longer has any effect and is ignored", key, where);
                continue;
            }
            if (!ConfigKeys.DEFAULTS.containsKey(key)) {
                throw new ConfigException(key, "unknown configuration key '" + key + "' " + where + suggestion(key));
            }
            raw.put(key, entry.getValue() == null ? "" : entry.getValue().trim());
        }
    }

    private static String suggestion(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : ConfigKeys.DEFAULTS.keySet()) {
            int distance = Levenshtein.distance(unknown, known);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        // Beyond a few edits the "closest" key is a guess that misleads more than it helps.
        return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
    }

    private static ServerConfig build(ConfigValues v) throws ConfigException {
        var c2s = new ServerConfig.C2s(
                v.token(ConfigKeys.C2S_BIND, "a non-empty IP address or host name without whitespace"),
                v.intIn(ConfigKeys.C2S_PORT, 0, 65535),
                v.intIn(ConfigKeys.C2S_BACKLOG, 1, 65535),
                v.bool(ConfigKeys.C2S_TCP_NODELAY),
                v.secondsIn(ConfigKeys.C2S_IDLE_TIMEOUT, 10, 86400),
                v.bool(ConfigKeys.C2S_STARTTLS_REQUIRED),
                v.intIn(ConfigKeys.C2S_MAX_QUEUED_STANZAS, 10, 1_000_000),
                v.intIn(ConfigKeys.C2S_MAX_STANZA_SIZE, 4096, 67_108_864),
                // the encoder renders recursively; 256 keeps every accepted stanza far from the stack's end
                v.intIn(ConfigKeys.C2S_MAX_DEPTH, 8, 256),
                v.intIn(ConfigKeys.C2S_MAX_ATTRIBUTES, 8, 1024),
                v.intIn(ConfigKeys.C2S_MAX_PREAUTH_BYTES, 4096, 67_108_864));
        var tls = new ServerConfig.Tls(
                v.path(ConfigKeys.TLS_CERT),
                v.path(ConfigKeys.TLS_KEY),
                v.optionalPath(ConfigKeys.TLS_PKCS12),
                v.text(ConfigKeys.TLS_PKCS12_PASSWORD),
                v.secondsIn(ConfigKeys.TLS_RELOAD_INTERVAL, 0, 86400));
        var accounts = new ServerConfig.Accounts(
                v.bool(ConfigKeys.REGISTRATION_INBAND),
                v.intIn(ConfigKeys.PASSWORD_MIN_LENGTH, 1, 1024),
                v.intIn(ConfigKeys.SCRAM_ITERATIONS, 4096, 1_000_000));
        var database = new ServerConfig.Database(v.intIn(ConfigKeys.DB_POOL_SIZE, 1, 200));
        var processing = new ServerConfig.Processing(
                v.intIn(ConfigKeys.PROCESSING_THREADS, 1, 1024),
                v.intIn(ConfigKeys.C2S_MAX_OUTPUT_BYTES, 65_536, 1 << 30),
                v.secondsIn(ConfigKeys.C2S_WRITE_TIMEOUT, 5, 3600),
                v.secondsIn(ConfigKeys.SHUTDOWN_GRACE, 0, 300));
        var offline = new ServerConfig.Offline(
                v.intIn(ConfigKeys.OFFLINE_MAX_MESSAGES, 0, 1_000_000),
                v.intIn(ConfigKeys.OFFLINE_MAX_BYTES, 0, 1 << 30));
        var rosters = new ServerConfig.Rosters(v.intIn(ConfigKeys.ROSTER_CACHE_SIZE, 1, 10_000_000));
        var proxy65 = new ServerConfig.Proxy65(
                v.bool(ConfigKeys.PROXY65_ENABLED),
                v.optionalToken(ConfigKeys.PROXY65_BIND, "empty or an IP address or host name without whitespace"),
                v.intIn(ConfigKeys.PROXY65_PORT, 0, 65535),
                v.optionalToken(ConfigKeys.PROXY65_HOST, "empty or an IP address or host name without whitespace"),
                v.secondsIn(ConfigKeys.PROXY65_TIMEOUT, 1, 3600),
                v.intIn(ConfigKeys.PROXY65_MAX_PAIRS, 1, 100_000));
        var directTls = new ServerConfig.DirectTls(
                v.bool(ConfigKeys.C2S_DIRECT_TLS_ENABLED),
                v.intIn(ConfigKeys.C2S_DIRECT_TLS_PORT, 0, 65535));
        var abuse = new ServerConfig.Abuse(
                v.intIn(ConfigKeys.MAX_SESSIONS_PER_ACCOUNT, 1, 10_000),
                v.intIn(ConfigKeys.MAX_UNAUTHENTICATED, 1, 1_000_000),
                v.intIn(ConfigKeys.MAX_UNAUTHENTICATED_PER_IP, 1, 1_000_000),
                v.intIn(ConfigKeys.READ_RATE, 1024, 1 << 30),
                v.intIn(ConfigKeys.READ_BURST, 1024, 1 << 30),
                v.secondsIn(ConfigKeys.PING_INTERVAL, 1, 86_400),
                v.secondsIn(ConfigKeys.PING_TIMEOUT, 1, 3600),
                v.secondsIn(ConfigKeys.LOGIN_TIMEOUT, 1, 3600),
                v.intIn(ConfigKeys.AUTH_DELAY_AFTER, 1, 1000),
                v.millisIn(ConfigKeys.AUTH_DELAY_MS, 0, 30_000),
                v.intIn(ConfigKeys.AUTH_LOCKOUT_AFTER, 1, 10_000),
                v.secondsIn(ConfigKeys.AUTH_LOCKOUT, 1, 86_400),
                v.intIn(ConfigKeys.AUTH_ACCOUNT_LOCKOUT_AFTER, 1, 1_000_000));
        var devices = new ServerConfig.Devices(SmConfig.load(v), CarbonsConfig.load(v), MamConfig.load(v),
                CsiConfig.load(v));
        return new ServerConfig(v.domain(ConfigKeys.DOMAIN), c2s, v.path(ConfigKeys.DATA_DIR), tls, accounts, database,
                processing, offline, rosters, proxy65, directTls, abuse, devices);
    }
}
