package org.parley.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.account.AccountCredentials;
import org.parley.account.AccountStoreContract;
import org.parley.storage.Database;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;

class MigrationsTest {

    private static final List<String> ACCOUNT_COLUMNS = List.of("JID", "CREATED_AT",
            "SHA1_SALT", "SHA1_ITERATIONS", "SHA1_STORED_KEY", "SHA1_SERVER_KEY",
            "SHA256_SALT", "SHA256_ITERATIONS", "SHA256_STORED_KEY", "SHA256_SERVER_KEY");

    @TempDir
    Path tempDir;

    @Test
    void migratesAnEmptyFileDatabaseToVersion1() throws SQLException {
        Path dataDir = tempDir.resolve("does/not/exist/yet");

        try (Database database = Database.openFile(dataDir, 2)) {
            assertThat(database.schemaVersion()).isEqualTo("1");
            assertThat(dataDir.resolve("parley.mv.db")).isRegularFile();
            assertThat(pendingMigrations(database)).isZero();
            assertThat(accountColumns(database)).containsExactlyElementsOf(ACCOUNT_COLUMNS);
            assertThat(accountColumns(database)).noneMatch(column -> column.contains("PASSWORD"));
        }
    }

    @Test
    void schemaEnforcesKeyLengthsAndTheJidKey() throws SQLException {
        try (Database database = Database.openFile(tempDir, 1);
                Connection connection = database.dataSource().getConnection()) {
            insertRaw(connection, "alice@example.org", 20);

            assertThatThrownBy(() -> insertRaw(connection, "alice@example.org", 20))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
            assertThatThrownBy(() -> insertRaw(connection, "bob@example.org", 19))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23513");
        }
    }

    @Test
    void reopeningAppliesNothingAndValidatesChecksums() throws SQLException {
        Path dataDir = tempDir.resolve("data");
        List<String> history;
        try (Database database = Database.openFile(dataDir, 1)) {
            history = history(database);
        }
        assertThat(history).filteredOn(row -> row.startsWith("1|")).hasSize(1);

        // Pool of 2: the test's own Flyway below holds two connections at once.
        try (Database database = Database.openFile(dataDir, 2)) {
            assertThat(database.schemaVersion()).isEqualTo("1");
            assertThat(history(database)).isEqualTo(history);
            assertThat(flyway(database).validateWithResult().validationSuccessful).isTrue();
        }
    }

    @Test
    void anEditedMigrationStopsTheOpen() throws SQLException {
        Path dataDir = tempDir.resolve("data");
        try (Database database = Database.openFile(dataDir, 1);
                Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            // Same effect as editing V1 after it was applied: the recorded checksum no longer matches the file.
            statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1");
        }

        assertThatThrownBy(() -> Database.openFile(dataDir, 1))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("schema migration failed")
                .hasMessageContaining(dataDir.resolve("parley").toString());
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        Path dataDir = tempDir.resolve("data");
        AccountCredentials alice = AccountStoreContract.account("alice@example.org", AccountStoreContract.CREATED);
        try (Database database = Database.openFile(dataDir, 1)) {
            assertThat(new H2AccountStore(database.dataSource()).create(alice)).isTrue();
        }

        try (Database database = Database.openFile(dataDir, 1)) {
            assertThat(new H2AccountStore(database.dataSource()).find(alice.jid())).contains(alice);
        }
    }

    @Test
    void twoDatabaseInstancesOnOneDirectoryBothReadAndWrite() {
        Path dataDir = tempDir.resolve("data");
        try (Database first = Database.openFile(dataDir, 2);
                Database second = Database.openFile(dataDir, 2)) {
            H2AccountStore one = new H2AccountStore(first.dataSource());
            H2AccountStore two = new H2AccountStore(second.dataSource());

            one.create(AccountStoreContract.account("alice@example.org", AccountStoreContract.CREATED));
            two.create(AccountStoreContract.account("bob@example.org", AccountStoreContract.CREATED));

            assertThat(one.list()).extracting(BareJid::toString).containsExactly("alice@example.org", "bob@example.org");
            assertThat(two.list()).isEqualTo(one.list());
        }
    }

    @Test
    void aSecondProcessCanUseTheDatabaseWhileTheServerHoldsIt() throws IOException, InterruptedException {
        Path dataDir = tempDir.resolve("data");
        Path output = tempDir.resolve("probe.log");
        try (Database server = Database.openFile(dataDir, 2)) {
            H2AccountStore store = new H2AccountStore(server.dataSource());
            store.create(AccountStoreContract.account("alice@example.org", AccountStoreContract.CREATED));

            Process probe = new ProcessBuilder(javaCommand(dataDir.toString(), "alice@example.org", "probe@example.org"))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean finished = probe.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                probe.destroyForcibly();
            }

            assertThat(finished).as("probe finished").isTrue();
            assertThat(probe.exitValue()).as("probe exit code; its output:%n%s", Files.readString(output)).isZero();
            assertThat(store.exists(BareJid.parse("probe@example.org"))).isTrue();
        }
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                AutoServerProbe.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static void insertRaw(Connection connection, String jid, int sha1KeyLength) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, jid);
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setBytes(3, new byte[16]);
            insert.setInt(4, 4096);
            insert.setBytes(5, new byte[sha1KeyLength]);
            insert.setBytes(6, new byte[20]);
            insert.setBytes(7, new byte[16]);
            insert.setInt(8, 4096);
            insert.setBytes(9, new byte[32]);
            insert.setBytes(10, new byte[32]);
            insert.executeUpdate();
        }
    }

    private static List<String> accountColumns(Database database) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'ACCOUNT' ORDER BY ORDINAL_POSITION");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns;
    }

    /** The history table, one "version|description|checksum|installed_on|success" string per row. */
    private static List<String> history(Database database) throws SQLException {
        List<String> history = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT \"version\", \"description\", \"checksum\","
                        + " \"installed_on\", \"success\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"")) {
            while (rows.next()) {
                history.add(rows.getString(1) + "|" + rows.getString(2) + "|" + rows.getString(3) + "|"
                        + rows.getString(4) + "|" + rows.getString(5));
            }
        }
        return history;
    }

    private static int pendingMigrations(Database database) {
        return flyway(database).info().pending().length;
    }

    private static Flyway flyway(Database database) {
        return Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load();
    }
}
