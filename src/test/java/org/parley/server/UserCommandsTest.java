package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.account.AccountStoreContract;
import org.parley.config.ConfigLoader;
import org.parley.config.ServerConfig;
import org.parley.roster.RosterEntry;
import org.parley.server.CommandLine.UsageException;
import org.parley.storage.Database;
import org.parley.storage.h2.H2AccountStore;
import org.parley.storage.h2.H2PresenceStore;
import org.parley.storage.h2.H2RosterStore;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/**
 * The {@code user ...} commands against a data directory of their own, with what they print captured. The
 * database is filled through the H2 stores directly, as a running server would have filled it.
 */
class UserCommandsTest {

    private static final String DOMAIN = "parley.test";
    private static final BareJid ALICE = BareJid.parse("alice@" + DOMAIN);
    private static final BareJid BOB = BareJid.parse("bob@" + DOMAIN);
    private static final Instant T0 = Instant.parse("2025-05-06T07:08:09.123456789Z");
    private static final Instant T1 = Instant.parse("2025-05-06T08:00:00Z");

    @TempDir
    Path dir;

    private ServerConfig config;

    /** What one command did: its exit code and what it printed. */
    private record Run(int exitCode, String stdout, String stderr) {}

    @BeforeEach
    void configure() throws Exception {
        Path file = Files.writeString(dir.resolve("parley.properties"), "");
        config = ConfigLoader.load(Optional.of(file), Map.of("domain", DOMAIN, "data.dir", dir.resolve("data").toString(),
                "account.scram.iterations", "4096"));
        withDatabase(database -> {
            H2AccountStore accounts = new H2AccountStore(database.dataSource());
            accounts.create(AccountStoreContract.account(ALICE.toString(), T0));
            accounts.create(AccountStoreContract.account(BOB.toString(), T0));
        });
    }

    /** Runs {@code work} on the data directory's database, closed again before the command opens it. */
    private void withDatabase(Consumer<Database> work) {
        try (Database database = Database.openFile(config.dataDir(), 2)) {
            work.accept(database);
        }
    }

    private Run run(String... args) throws UsageException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new UserCommands(config, outStream, errStream).execute(CommandLine.parse(args));
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A process that is alive while the test runs and is not this one: the JVM's parent (Maven or the IDE). */
    private static long liveOtherPid() {
        return ProcessHandle.current().parent().orElseThrow().pid();
    }

    /** The PID of a process that has exited (until the OS reuses it, which takes far longer than a test). */
    private static long exitedPid() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("java -version finished").isTrue();
        return process.pid();
    }

    @Test
    void listWithoutOptionsPrintsEveryAccount() throws Exception {
        Run listed = run("user", "list");

        assertThat(listed.exitCode()).isZero();
        assertThat(listed.stdout().lines()).containsExactly(ALICE.toString(), BOB.toString());
    }

    @Test
    void listOnlinePrintsTheOnlineResourcesWhileTheRecordedServerIsAlive() throws Exception {
        withDatabase(database -> {
            H2PresenceStore presence = new H2PresenceStore(database.dataSource());
            presence.serverStarted(liveOtherPid(), T0);
            presence.online(BOB, "desk", T1);
            presence.online(ALICE, "phone", T0);
            presence.online(ALICE, "Balcón 😀", T1);
        });

        Run listed = run("user", "list", "--online");

        assertThat(listed.exitCode()).isZero();
        assertThat(listed.stdout().lines()).containsExactly(
                "alice@parley.test/Balcón 😀 since 2025-05-06T08:00:00Z",
                "alice@parley.test/phone since 2025-05-06T07:08:09.123456789Z",
                "bob@parley.test/desk since 2025-05-06T08:00:00Z");
        assertThat(listed.stderr()).isEmpty();
    }

    @Test
    void listOnlineSaysNobodyIsOnlineWhenNoServerEverStarted() throws Exception {
        Run listed = run("user", "list", "--online");

        assertThat(listed.exitCode()).isZero();
        assertThat(listed.stdout()).isEmpty();
        assertThat(listed.stderr()).contains("the server is not running", "no server has started",
                "nobody is online");
    }

    @Test
    void listOnlineIgnoresTheRowsOfAServerThatHasExited() throws Exception {
        long dead = exitedPid();
        withDatabase(database -> {
            H2PresenceStore presence = new H2PresenceStore(database.dataSource());
            presence.serverStarted(dead, T0);
            presence.online(ALICE, "phone", T0); // what a server killed with -9 leaves behind
        });

        Run listed = run("user", "list", "--online");

        assertThat(listed.exitCode()).isZero();
        assertThat(listed.stdout()).isEmpty();
        assertThat(listed.stderr()).contains("the server is not running", "process " + dead + " has exited",
                "nobody is online");
    }

    @Test
    void theCommandsOwnPidIsNeverTheServer() {
        assertThat(UserCommands.isServerRunning(OptionalLong.of(ProcessHandle.current().pid()))).isFalse();
        assertThat(UserCommands.isServerRunning(OptionalLong.of(liveOtherPid()))).isTrue();
        assertThat(UserCommands.isServerRunning(OptionalLong.empty())).isFalse();
    }

    @Test
    void listOfflinePrintsTheAccountsNotOnlineWithTheirLastPresence() throws Exception {
        BareJid carol = BareJid.parse("carol@" + DOMAIN);
        withDatabase(database -> {
            new H2AccountStore(database.dataSource()).create(AccountStoreContract.account(carol.toString(), T0));
            H2PresenceStore presence = new H2PresenceStore(database.dataSource());
            presence.serverStarted(liveOtherPid(), T0);
            presence.online(ALICE, "phone", T0);
            presence.offline(ALICE, "phone", "<presence type='unavailable'/>", T1);
            presence.online(BOB, "desk", T1);
        });

        Run listed = run("user", "list", "--offline");

        assertThat(listed.exitCode()).isZero();
        assertThat(listed.stdout().lines()).containsExactly(
                "alice@parley.test last seen 2025-05-06T08:00:00Z",
                "carol@parley.test never seen");
    }

    @Test
    void pendingListsTheRequestsOldestFirstOnePerLine() throws Exception {
        BareJid dave = BareJid.parse("dave@remote.example");
        BareJid erin = BareJid.parse("erin@" + DOMAIN);
        String daves = "<presence xmlns='jabber:client' from='dave@remote.example/home' to='alice@parley.test'"
                + " type='subscribe'>\n  <status>It's Dave &amp; co</status>\r\n</presence>";
        String erins = "<presence from='erin@parley.test' type='subscribe'/>";
        withDatabase(database -> {
            H2RosterStore roster = new H2RosterStore(database.dataSource());
            roster.update(ALICE, erin, entry -> entry.withPendingIn(SubscriptionState.NONE_PENDING_IN,
                    new RosterEntry.PendingIn(erins, T1)));
            roster.update(ALICE, dave, entry -> entry.withPendingIn(SubscriptionState.NONE_PENDING_IN,
                    new RosterEntry.PendingIn(daves, T0)));
        });

        Run pending = run("user", "pending", "alice");

        assertThat(pending.exitCode()).isZero();
        assertThat(pending.stdout().lines()).containsExactly(
                "dave@remote.example 2025-05-06T07:08:09.123456789Z <presence xmlns='jabber:client'"
                        + " from='dave@remote.example/home' to='alice@parley.test' type='subscribe'>&#10;  <status>It's"
                        + " Dave &amp; co</status>&#13;&#10;</presence>",
                "erin@parley.test 2025-05-06T08:00:00Z " + erins);
        assertThat(run("user", "pending", "bob@parley.test").stdout()).as("bob has no requests").isEmpty();
    }

    @Test
    void pendingForAnUnknownUserFails() throws Exception {
        Run pending = run("user", "pending", "nobody");

        assertThat(pending.exitCode()).isEqualTo(1);
        assertThat(pending.stderr()).contains("no such user: nobody@parley.test");
        assertThat(pending.stdout()).isEmpty();
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        for (List<String> args : List.of(
                List.of("user", "pending"),
                List.of("user", "pending", "alice", "bob"),
                List.of("user", "pending", "alice@elsewhere.example"),
                List.of("user", "pending", "alice", "--online"),
                List.of("user", "add", "carol", "--offline"),
                List.of("user", "list", "--online", "--offline"),
                List.of("user", "list", "alice", "--online"))) {
            assertThatThrownBy(() -> run(args.toArray(String[]::new))).as("%s", args)
                    .isInstanceOf(UsageException.class);
        }
    }

    @Test
    void runRefusesTheListOptions() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            assertThat(ParleyMain.execute(new String[] {"run", "--online"}, System.out, errStream))
                    .isEqualTo(ParleyMain.USAGE);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--online is only for 'user list'");
    }
}
