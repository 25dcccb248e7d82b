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
            "SHA256_SALT", "SHA256_ITERATIONS", "SHA256_STORED_KEY", "SHA256_SERVER_KEY", "GENERATION");

    @TempDir
    Path tempDir;

    @Test
    void migratesAnEmptyFileDatabaseToVersion7() throws SQLException {
        Path dataDir = tempDir.resolve("does/not/exist/yet");

        try (Database database = Database.openFile(dataDir, 2)) {
            assertThat(database.schemaVersion()).isEqualTo("7");
            assertThat(dataDir.resolve("parley.mv.db")).isRegularFile();
            assertThat(pendingMigrations(database)).isZero();
            assertThat(accountColumns(database)).containsExactlyElementsOf(ACCOUNT_COLUMNS);
            assertThat(accountColumns(database)).noneMatch(column -> column.contains("PASSWORD"));
            assertThat(columns(database, "ROSTER_ITEM")).containsExactly("OWNER_JID", "CONTACT_JID", "NAME",
                    "SUBSCRIPTION", "IN_ROSTER", "APPROVED", "PENDING_IN_STANZA", "PENDING_IN_AT", "VERSION");
            assertThat(columns(database, "ROSTER_GROUP")).containsExactly("OWNER_JID", "CONTACT_JID", "GROUP_NAME");
            assertThat(columns(database, "ROSTER_VERSION")).containsExactly("OWNER_JID", "VERSION");
            assertThat(columns(database, "ROSTER_TOMBSTONE")).containsExactly("OWNER_JID", "CONTACT_JID", "VERSION");
            assertThat(columns(database, "SERVER_PROCESS")).containsExactly("ID", "PID", "STARTED_AT");
            assertThat(columns(database, "ONLINE_RESOURCE")).containsExactly("OWNER_JID", "RESOURCE", "SINCE");
            assertThat(columns(database, "LAST_PRESENCE")).containsExactly("OWNER_JID", "STANZA", "AT");
            assertThat(columns(database, "PEP_NODE")).containsExactly("OWNER_JID", "NODE", "ACCESS_MODEL", "MAX_ITEMS",
                    "CREATED_AT");
            assertThat(columns(database, "PEP_ITEM")).containsExactly("SEQ", "OWNER_JID", "NODE", "ITEM_ID", "PAYLOAD",
                    "PUBLISHED_AT");
            assertThat(columns(database, "ARCHIVE_MESSAGE")).containsExactly("ID", "OWNER_JID", "WITH_JID",
                    "WITH_RESOURCE", "OUTGOING", "RECEIVED_AT", "STANZA");
            assertThat(columns(database, "ARCHIVE_PREFS")).containsExactly("OWNER_JID", "DEFAULT_RULE");
            assertThat(columns(database, "ARCHIVE_PREFS_JID")).containsExactly("OWNER_JID", "JID", "RULE");
        }
    }

    @Test
    void presenceSchemaEnforcesItsInvariants() throws SQLException {
        try (Database database = Database.openFile(tempDir, 1);
                Connection connection = database.dataSource().getConnection()) {
            insertRaw(connection, "alice@example.org", 20);
            update(connection, "INSERT INTO server_process (pid, started_at) VALUES (42, CURRENT_TIMESTAMP)");
            update(connection, "INSERT INTO online_resource VALUES ('alice@example.org', 'phone', CURRENT_TIMESTAMP)");
            update(connection, "INSERT INTO last_presence VALUES ('alice@example.org', '<presence/>', CURRENT_TIMESTAMP)");

            assertThat(sqlState(() -> update(connection, "INSERT INTO server_process VALUES (2, 43, CURRENT_TIMESTAMP)")))
                    .as("a second server row").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> update(connection, "UPDATE server_process SET pid = 0")))
                    .as("a pid that is no process").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> update(connection, "INSERT INTO online_resource VALUES ('alice@example.org', '',"
                    + " CURRENT_TIMESTAMP)"))).as("an empty resource").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> update(connection, "INSERT INTO online_resource VALUES ('nobody@example.org',"
                    + " 'phone', CURRENT_TIMESTAMP)"))).as("an online user without an account")
                    .isEqualTo(FOREIGN_KEY_VIOLATION);
            assertThat(sqlState(() -> update(connection, "INSERT INTO last_presence VALUES ('nobody@example.org',"
                    + " '<presence/>', CURRENT_TIMESTAMP)"))).as("a last presence without an account")
                    .isEqualTo(FOREIGN_KEY_VIOLATION);

            assertAccountDeletionEmpties(connection, "online_resource", "last_presence");
        }
    }

    @Test
    void pepSchemaEnforcesItsInvariants() throws SQLException {
        try (Database database = Database.openFile(tempDir, 1);
                Connection connection = database.dataSource().getConnection()) {
            insertRaw(connection, "alice@example.org", 20);
            update(connection, "INSERT INTO pep_node VALUES ('alice@example.org', 'tune', 'presence', 1,"
                    + " CURRENT_TIMESTAMP)");
            update(connection, "INSERT INTO pep_item (owner_jid, node, item_id, payload, published_at)"
                    + " VALUES ('alice@example.org', 'tune', 'current', '<tune/>', CURRENT_TIMESTAMP)");

            assertThat(sqlState(() -> insertNode(connection, "alice@example.org", "mood", "roster", 1)))
                    .as("an access model Parley does not offer").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> insertNode(connection, "alice@example.org", "mood", "PRESENCE", 1)))
                    .as("an access model not spelled as on the wire").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> insertNode(connection, "alice@example.org", "mood", "open", 0)))
                    .as("a node that keeps no items").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> insertNode(connection, "alice@example.org", "mood", "open", 257)))
                    .as("more items than NodeConfig.MAX_ITEMS_LIMIT").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> insertNode(connection, "alice@example.org", "", "open", 1)))
                    .as("an empty node id").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> insertNode(connection, "nobody@example.org", "mood", "open", 1)))
                    .as("a node without an account").isEqualTo(FOREIGN_KEY_VIOLATION);
            assertThat(sqlState(() -> update(connection, "INSERT INTO pep_item (owner_jid, node, item_id, payload,"
                    + " published_at) VALUES ('alice@example.org', 'tune', 'current', '<tune/>', CURRENT_TIMESTAMP)")))
                    .as("an item id twice in one node").isEqualTo(UNIQUE_VIOLATION);
            assertThat(sqlState(() -> update(connection, "INSERT INTO pep_item (owner_jid, node, item_id, payload,"
                    + " published_at) VALUES ('alice@example.org', 'mood', 'x', '<mood/>', CURRENT_TIMESTAMP)")))
                    .as("an item of no node").isEqualTo(FOREIGN_KEY_VIOLATION);

            assertAccountDeletionEmpties(connection, "pep_node", "pep_item");
        }
    }

    private static void insertNode(Connection connection, String owner, String node, String accessModel,
            int maxItems) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO pep_node VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            insert.setString(1, owner);
            insert.setString(2, node);
            insert.setString(3, accessModel);
            insert.setInt(4, maxItems);
            insert.executeUpdate();
        }
    }

    /** Deletes alice@example.org's account and checks that the cascade left no rows in {@code tables}. */
    private static void assertAccountDeletionEmpties(Connection connection, String... tables) throws SQLException {
        update(connection, "DELETE FROM account WHERE jid = 'alice@example.org'");
        for (String table : tables) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                assertThat(rows.getInt(1)).as("rows of %s after the account went", table).isZero();
            }
        }
    }

    @Test
    void rosterSchemaEnforcesItsInvariants() throws SQLException {
        try (Database database = Database.openFile(tempDir, 1);
                Connection connection = database.dataSource().getConnection()) {
            insertRaw(connection, "alice@example.org", 20);
            String request = "<presence type='subscribe'/>";
            insertItem(connection, "bob@example.org", "BOTH", true, false, null);
            insertItem(connection, "carol@example.org", "NONE_PENDING_IN", false, false, request);

            assertThat(sqlState(() -> insertItem(connection, "dave@example.org", "BOGUS", true, false, null)))
                    .as("an unknown subscription state").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> insertItem(connection, "dave@example.org", "TO_PENDING_IN", true, false, null)))
                    .as("a pending-in state without its stanza").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> insertItem(connection, "dave@example.org", "BOTH", true, false, request)))
                    .as("a stanza in a state without a pending request").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> insertItem(connection, "dave@example.org", "FROM", false, false, null)))
                    .as("a row outside the roster that is not a request").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> insertItem(connection, "dave@example.org", "NONE_PENDING_IN", false, true,
                    request))).as("a pre-approval outside the roster").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> insertItem(connection, "dave@example.org", "BOTH", true, true, null)))
                    .as("a pre-approval of a contact already subscribed").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> update(connection, "INSERT INTO roster_item (owner_jid, contact_jid,"
                    + " subscription, in_roster, version) VALUES ('nobody@example.org', 'bob@example.org', 'NONE',"
                    + " TRUE, 1)"))).as("an owner without an account").isEqualTo(FOREIGN_KEY_VIOLATION);
            assertThat(sqlState(() -> update(connection, "INSERT INTO roster_group VALUES ('alice@example.org',"
                    + " 'bob@example.org', ' ')"))).as("a blank group").isEqualTo(CHECK_VIOLATION);
            assertThat(sqlState(() -> update(connection, "INSERT INTO roster_group VALUES ('alice@example.org',"
                    + " 'dave@example.org', 'Friends')"))).as("a group of no item").isEqualTo(FOREIGN_KEY_VIOLATION);

            update(connection, "INSERT INTO roster_group VALUES ('alice@example.org', 'bob@example.org', 'Friends')");
            update(connection, "INSERT INTO roster_version VALUES ('alice@example.org', 2)");
            update(connection, "INSERT INTO roster_tombstone VALUES ('alice@example.org', 'erin@example.org', 2)");
            assertAccountDeletionEmpties(connection, "roster_item", "roster_group", "roster_version",
                    "roster_tombstone");
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
            assertThat(database.schemaVersion()).isEqualTo("7");
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
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account (jid, created_at,"
                + " sha1_salt, sha1_iterations, sha1_stored_key, sha1_server_key,"
                + " sha256_salt, sha256_iterations, sha256_stored_key, sha256_server_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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

    private static final String CHECK_VIOLATION = "23513";
    private static final String FOREIGN_KEY_VIOLATION = "23506";
    private static final String UNIQUE_VIOLATION = "23505";

    /** Raw SQL that should fail; a statement that succeeds gives no state and fails the assertion. */
    private interface SqlAction {
        void run() throws SQLException;
    }

    private static String sqlState(SqlAction action) {
        try {
            action.run();
            return "no error";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    private static void update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    /** An item of alice@example.org; the received-at time is set exactly when the stanza is. */
    private static void insertItem(Connection connection, String contact, String state, boolean inRoster,
            boolean approved, String stanza) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO roster_item (owner_jid, contact_jid,"
                + " subscription, in_roster, approved, pending_in_stanza, pending_in_at, version)"
                + " VALUES ('alice@example.org', ?, ?, ?, ?, ?, ?, 1)")) {
            insert.setString(1, contact);
            insert.setString(2, state);
            insert.setBoolean(3, inRoster);
            insert.setBoolean(4, approved);
            insert.setString(5, stanza);
            insert.setObject(6, stanza == null ? null : OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static List<String> columns(Database database, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT COLUMN_NAME"
                        + " FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            select.setString(1, table);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
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
