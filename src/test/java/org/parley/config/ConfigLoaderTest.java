package org.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.offline.OfflineQuota;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    /** An empty file stands for "no file": loading it must not depend on whether the working directory has conf/. */
    private ServerConfig loadDefaults() throws Exception {
        return ConfigLoader.load(Optional.of(write("")), Map.of());
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "parley", ".properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private ConfigException loadFailure(Map<String, String> overrides) throws IOException {
        Path empty = write("");
        return catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.of(empty), overrides));
    }

    @Test
    void noValuesGivenYieldsTheDocumentedDefaults() throws Exception {
        ServerConfig config = loadDefaults();

        assertThat(config.domain()).isEqualTo("localhost");
        assertThat(config.c2s()).isEqualTo(
                new ServerConfig.C2s("0.0.0.0", 5222, 128, true, Duration.ofSeconds(600), true, 1000, 262144, 32,
                        64, 65536));
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.tls()).isEqualTo(new ServerConfig.Tls(
                Path.of("certs/fullchain.pem"), Path.of("certs/privkey.pem"), Optional.empty(), "",
                Duration.ofSeconds(60)));
        assertThat(config.accounts()).isEqualTo(new ServerConfig.Accounts(false, 8, 10000));
        assertThat(config.database()).isEqualTo(new ServerConfig.Database(8));
        assertThat(config.processing()).isEqualTo(new ServerConfig.Processing(16, 1_048_576, Duration.ofSeconds(30),
                Duration.ofSeconds(5)));
        assertThat(config.offline()).isEqualTo(new ServerConfig.Offline(1000, 10 * 1024 * 1024));
        assertThat(config.proxy65()).isEqualTo(new ServerConfig.Proxy65(true, Optional.empty(), 7777,
                Optional.empty(), Duration.ofSeconds(30), 100));
        assertThat(config.abuse()).isEqualTo(new ServerConfig.Abuse(10, 1000, 10, 65536, 262144,
                Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(1), 5,
                Duration.ofSeconds(1), 10, Duration.ofMinutes(5), 100));
        assertThat(config.directTls()).isEqualTo(new ServerConfig.DirectTls(true, 5223));
        assertThat(config.effectiveProperties()).isEqualTo(ConfigLoader.defaults());
    }

    @ParameterizedTest(name = "c2s.bind={0} proxy65.bind={1} proxy65.host={2}")
    @CsvSource(nullValues = "-", textBlock = """
            0.0.0.0   | -        | -               | 0.0.0.0  | localhost
            ::        | -        | -               | ::       | localhost
            127.0.0.1 | -        | -               | 127.0.0.1| 127.0.0.1
            0.0.0.0   | 10.0.0.5 | -               | 10.0.0.5 | 10.0.0.5
            0.0.0.0   | -        | files.example.org| 0.0.0.0 | files.example.org
            """, delimiter = '|')
    void proxyListensWithTheClientsUnlessToldAndAnnouncesAnAddressClientsCanReach(String c2sBind, String proxyBind,
            String proxyHost, String listen, String announced) throws Exception {
        Map<String, String> overrides = new HashMap<>(Map.of("c2s.bind", c2sBind));
        if (proxyBind != null) {
            overrides.put("proxy65.bind", proxyBind);
        }
        if (proxyHost != null) {
            overrides.put("proxy65.host", proxyHost);
        }
        ServerConfig config = ConfigLoader.load(Optional.of(write("")), overrides);

        assertThat(config.proxy65().bindAddress(config.c2s().bind())).isEqualTo(listen);
        assertThat(config.proxy65().advertisedHost(config.c2s().bind(), config.domain())).isEqualTo(announced);
    }

    @Test
    void proxyKeysAreRangeChecked() throws Exception {
        assertThat(loadFailure(Map.of("proxy65.port", "65536")).getMessage()).contains("proxy65.port");
        assertThat(loadFailure(Map.of("proxy65.timeout", "0")).getMessage()).contains("proxy65.timeout");
        assertThat(loadFailure(Map.of("proxy65.max_pairs", "0")).getMessage()).contains("proxy65.max_pairs");
        assertThat(loadFailure(Map.of("proxy65.host", "a b")).getMessage()).contains("proxy65.host");
        assertThat(loadFailure(Map.of("proxy65.enable", "false")).getMessage())
                .contains("did you mean 'proxy65.enabled'?");
    }

    @Test
    void offlineLimitsBecomeTheQuota() throws Exception {
        ServerConfig config = ConfigLoader.load(Optional.of(write("offline.max_messages=50\noffline.max_bytes=4096\n")),
                Map.of());

        assertThat(config.offline().quota()).isEqualTo(new OfflineQuota(50, 4096));
        assertThat(loadDefaults().offline().quota()).isEqualTo(new OfflineQuota(1000, 10_485_760));
    }

    @Test
    void rosterCacheSizeIsReadAndRangeChecked() throws Exception {
        assertThat(loadDefaults().rosters()).isEqualTo(new ServerConfig.Rosters(100_000));
        assertThat(ConfigLoader.load(Optional.of(write("roster.cache_size=1\n")), Map.of()).rosters())
                .isEqualTo(new ServerConfig.Rosters(1));
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(write("roster.cache_size=0\n")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("roster.cache_size");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            offline.max_messages | 0          | 0       | 10485760
            offline.max_messages | 1000000    | 1000000 | 10485760
            offline.max_bytes    | 0          | 1000    | 0
            offline.max_bytes    | 1073741824 | 1000    | 1073741824
            """)
    void offlineLimitsAcceptTheEndsOfTheirRanges(String key, String value, int maxMessages, long maxBytes)
            throws Exception {
        ServerConfig config = ConfigLoader.load(Optional.of(write("")), Map.of(key, value));

        assertThat(config.offline().quota()).isEqualTo(new OfflineQuota(maxMessages, maxBytes));
        assertThat(config.effectiveProperties()).containsEntry(key, value);
    }

    @Test
    void fileValuesAreReadTrimmedAndAsUtf8() throws Exception {
        Path file = write("""
                # comment
                domain = Chat.Example.ORG \s
                c2s.port=5333
                c2s.tcp_nodelay=FALSE
                c2s.idle_timeout=30
                data.dir=/var/lib/parley/données
                tls.pkcs12=keys/server.p12
                tls.pkcs12.password=s3cret
                registration.inband=True
                shutdown.grace=0
                """);

        ServerConfig config = ConfigLoader.load(Optional.of(file), Map.of());

        assertThat(config.domain()).isEqualTo("chat.example.org");
        assertThat(config.c2s().port()).isEqualTo(5333);
        assertThat(config.c2s().tcpNoDelay()).isFalse();
        assertThat(config.c2s().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/parley/données"));
        assertThat(config.tls().pkcs12()).contains(Path.of("keys/server.p12"));
        assertThat(config.tls().pkcs12Password()).isEqualTo("s3cret");
        assertThat(config.accounts().inbandRegistration()).isTrue();
        assertThat(config.processing().shutdownGrace()).isZero();
        assertThat(config.c2s().backlog()).as("keys absent from the file keep their defaults").isEqualTo(128);
    }

    @Test
    void overridesWinOverTheFile() throws Exception {
        Path file = write("c2s.port=5333\ndb.pool.size=20\n");

        ServerConfig config = ConfigLoader.load(Optional.of(file),
                ConfigLoader.parseOverrides(List.of("c2s.port=0", " domain = example.net ")));

        assertThat(config.c2s().port()).isZero();
        assertThat(config.domain()).isEqualTo("example.net");
        assertThat(config.database().poolSize()).isEqualTo(20);
    }

    @Test
    void parseOverridesKeepsEqualsSignsInTheValueAndLetsTheLastOneWin() throws Exception {
        assertThat(ConfigLoader.parseOverrides(List.of("tls.pkcs12.password=a=b", "c2s.port=1", "c2s.port=2",
                "tls.pkcs12=")))
                .containsExactly(Map.entry("tls.pkcs12.password", "a=b"), Map.entry("c2s.port", "2"),
                        Map.entry("tls.pkcs12", ""));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            c2s.port                    | 70000    | c2s.port must be an integer 0..65535, was '70000'
            c2s.port                    | -1       | c2s.port must be an integer 0..65535, was '-1'
            c2s.port                    | 5222x    | c2s.port must be an integer 0..65535, was '5222x'
            c2s.backlog                 | 0        | c2s.backlog must be an integer 1..65535, was '0'
            c2s.max_queued_stanzas      | 9        | c2s.max_queued_stanzas must be an integer 10..1000000, was '9'
            account.password.min_length | 1025     | account.password.min_length must be an integer 1..1024, was '1025'
            account.scram.iterations    | 4095     | account.scram.iterations must be an integer 4096..1000000, was '4095'
            db.pool.size                | ""       | db.pool.size must be an integer 1..200, was ''
            processing.threads          | 1.5      | processing.threads must be an integer 1..1024, was '1.5'
            c2s.max_output_bytes        | 65535    | c2s.max_output_bytes must be an integer 65536..1073741824, was '65535'
            c2s.write_timeout           | 4        | c2s.write_timeout must be an integer number of seconds 5..3600, was '4'
            c2s.idle_timeout            | 9        | c2s.idle_timeout must be an integer number of seconds 10..86400, was '9'
            shutdown.grace              | 5s       | shutdown.grace must be an integer number of seconds 0..300, was '5s'
            offline.max_messages        | -1       | offline.max_messages must be an integer 0..1000000, was '-1'
            offline.max_messages        | 1000001  | offline.max_messages must be an integer 0..1000000, was '1000001'
            offline.max_bytes           | 1073741825 | offline.max_bytes must be an integer 0..1073741824, was '1073741825'
            offline.max_bytes           | 10MiB    | offline.max_bytes must be an integer 0..1073741824, was '10MiB'
            c2s.tcp_nodelay             | yes      | c2s.tcp_nodelay must be true or false, was 'yes'
            c2s.starttls.required       | ture     | c2s.starttls.required must be true or false, was 'ture'
            registration.inband         | 1        | registration.inband must be true or false, was '1'
            domain                      | ""       | domain must be a non-empty domain name without '@', '/' or whitespace, was ''
            domain                      | a@b.org  | domain must be a non-empty domain name without '@', '/' or whitespace, was 'a@b.org'
            domain                      | b.org/r  | domain must be a non-empty domain name without '@', '/' or whitespace, was 'b.org/r'
            domain                      | b c.org  | domain must be a non-empty domain name without '@', '/' or whitespace, was 'b c.org'
            c2s.bind                    | ""       | c2s.bind must be a non-empty IP address or host name without whitespace, was ''
            data.dir                    | ""       | data.dir must be a file system path, was ''
            tls.cert                    | ""       | tls.cert must be a file system path, was ''
            c2s.max_sessions_per_account | 0       | c2s.max_sessions_per_account must be an integer 1..10000, was '0'
            c2s.max_unauthenticated     | 0        | c2s.max_unauthenticated must be an integer 1..1000000, was '0'
            c2s.max_unauthenticated_per_ip | 0     | c2s.max_unauthenticated_per_ip must be an integer 1..1000000, was '0'
            c2s.read_rate               | 1023     | c2s.read_rate must be an integer 1024..1073741824, was '1023'
            c2s.ping_timeout            | 0        | c2s.ping_timeout must be an integer number of seconds 1..3600, was '0'
            auth.throttle.delay_ms      | 30001    | auth.throttle.delay_ms must be an integer number of milliseconds 0..30000, was '30001'
            auth.throttle.lockout       | 0        | auth.throttle.lockout must be an integer number of seconds 1..86400, was '0'
            c2s.login_timeout           | 0        | c2s.login_timeout must be an integer number of seconds 1..3600, was '0'
            c2s.login_timeout           | 3601     | c2s.login_timeout must be an integer number of seconds 1..3600, was '3601'
            c2s.login_timeout           | 1m       | c2s.login_timeout must be an integer number of seconds 1..3600, was '1m'
            auth.throttle.account_lockout_after | 0 | auth.throttle.account_lockout_after must be an integer 1..1000000, was '0'
            """)
    void invalidValuesAreRejectedNamingKeyValueAndWhatIsAllowed(String key, String value, String message)
            throws IOException {
        ConfigException e = loadFailure(Map.of(key, value));

        assertThat(e).hasMessage(message);
        assertThat(e.key()).isEqualTo(key);
    }

    @Test
    void invalidValueInTheFileIsRejectedToo() throws Exception {
        Path file = write("c2s.port=70000\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c2s.port must be an integer 0..65535, was '70000'");
    }

    @Test
    void unknownKeyInTheFileIsRejectedWithASuggestion() throws Exception {
        Path file = write("c2s.prot=5222\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown configuration key 'c2s.prot'")
                .hasMessageContaining(file.toString())
                .hasMessageEndingWith("(did you mean 'c2s.port'?)")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("c2s.prot");
    }

    @Test
    void retiredDeliveryLaneKeysStillLoadAndAreIgnored() throws Exception {
        // relay.* configured the delivery lanes that ADR 0016 removed; an operator's old file must still start
        Path file = write("relay.threads=8\nrelay.queue.capacity=10000\n");

        ServerConfig config = ConfigLoader.load(Optional.of(file), Map.of());

        assertThat(config.effectiveProperties()).doesNotContainKeys("relay.threads", "relay.queue.capacity");
    }

    @Test
    void unknownOverrideKeyIsRejectedWithoutAWildGuess() throws IOException {
        ConfigException e = loadFailure(Map.of("colour", "blue"));

        assertThat(e).hasMessage("unknown configuration key 'colour' given with --set");
        assertThat(e.key()).isEqualTo("colour");
    }

    @Test
    void explicitFileThatDoesNotExistIsAnError() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist")
                .extracting(e -> ((ConfigException) e).key()).isNull();
    }

    @Test
    void fileThatIsNotUtf8IsAnErrorNamingIt() throws Exception {
        Path file = dir.resolve("latin1.properties");
        Files.write(file, "domain=caf\u00e9.org\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void overrideWithoutEqualsSignIsRejectedNamingTheArgument() {
        assertThatThrownBy(() -> ConfigLoader.parseOverrides(List.of("c2s.port=1", "c2s.port5222")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--set expects key=value, got 'c2s.port5222'");
        assertThatThrownBy(() -> ConfigLoader.parseOverrides(List.of("=5222")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--set expects key=value, got '=5222'");
    }

    @Test
    void secretsAreMaskedInEffectivePropertiesAndToString() throws Exception {
        ServerConfig config = ConfigLoader.load(Optional.of(write("tls.pkcs12.password=hunter2\n")), Map.of());

        assertThat(config.tls().pkcs12Password()).isEqualTo("hunter2");
        assertThat(config.effectiveProperties()).containsEntry("tls.pkcs12.password", "****");
        assertThat(config.effectiveProperties().values()).doesNotContain("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void emptySecretStaysEmptyWhenShown() throws Exception {
        assertThat(loadDefaults().effectiveProperties()).containsEntry("tls.pkcs12.password", "");
    }

    @Test
    void secretsAreMaskedWhereverAValueIsShown() {
        // The password has no validation today; error messages echo values through display(), so a future rule on it
        // cannot leak the secret.
        assertThat(ConfigKeys.display("tls.pkcs12.password", "hunter2")).isEqualTo("****");
    }

    @Test
    void effectivePropertiesAreSortedByKeyAndRoundTrip() throws Exception {
        ServerConfig config = ConfigLoader.load(Optional.of(write("c2s.idle_timeout=45\ntls.pkcs12=a.p12\n")),
                Map.of());

        assertThat(List.copyOf(config.effectiveProperties().keySet())).isSorted();
        assertThat(ConfigLoader.load(Optional.of(write("")), config.effectiveProperties())).isEqualTo(config);
    }
}
