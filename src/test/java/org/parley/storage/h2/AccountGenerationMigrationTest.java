package org.parley.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.account.AccountStoreContract;
import org.parley.storage.Database;
import org.parley.xmpp.BareJid;

/**
 * Migration 6 ({@code account.generation}): accounts that existed before it get a generation each, and every
 * insert draws a new one, so a re-created account differs from the deleted one (ADR 0007 addendum).
 */
class AccountGenerationMigrationTest {

    @TempDir
    Path tempDir;

    @Test
    void accountsFromBeforeMigration6GetAGenerationEach() throws SQLException {
        Flyway.configure().dataSource(url(), "sa", "").locations("classpath:db/migration").target("5").load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url(), "sa", "")) {
            for (String jid : List.of("alice@example.org", "bob@example.org", "carol@example.org")) {
                insertAtVersion5(connection, jid);
            }
        }

        try (Database database = Database.openFile(tempDir, 1)) {
            assertThat(database.schemaVersion()).isEqualTo("7"); // through 6, to the latest
            assertThat(generations(database)).as("one per account, none shared").hasSize(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void aReCreatedAccountGetsAnotherGeneration() throws SQLException {
        try (Database database = Database.openFile(tempDir, 1)) {
            H2AccountStore accounts = new H2AccountStore(database.dataSource());
            BareJid alice = BareJid.parse("alice@example.org");
            accounts.create(AccountStoreContract.account(alice.toString(), AccountStoreContract.CREATED));
            List<Long> before = generations(database);

            accounts.delete(alice);
            accounts.create(AccountStoreContract.account(alice.toString(), AccountStoreContract.CREATED));

            assertThat(generations(database)).as("same JID, same creation time, new row").hasSize(1)
                    .doesNotContainAnyElementsOf(before);
        }
    }

    private String url() {
        return "jdbc:h2:file:" + tempDir.resolve(Database.FILE_NAME);
    }

    /** An account row as schema version 5 had it: no generation column yet. */
    private static void insertAtVersion5(Connection connection, String jid) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account VALUES"
                + " (?, ?, X'00', 4096, ?, ?, X'00', 4096, ?, ?)")) {
            insert.setString(1, jid);
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setBytes(3, new byte[20]);
            insert.setBytes(4, new byte[20]);
            insert.setBytes(5, new byte[32]);
            insert.setBytes(6, new byte[32]);
            insert.executeUpdate();
        }
    }

    private static List<Long> generations(Database database) throws SQLException {
        List<Long> generations = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT generation FROM account");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                generations.add(rows.getLong(1));
            }
        }
        return generations;
    }
}
