package org.parley.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.account.AccountStoreContract;
import org.parley.offline.OfflineMessage;
import org.parley.offline.OfflineStore;
import org.parley.offline.OfflineStoreContract;
import org.parley.storage.Database;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;

class H2OfflineStoreTest implements OfflineStoreContract {

    private Database database;
    private H2AccountStore accounts;
    private H2OfflineStore store;

    @BeforeEach
    void openDatabase() {
        // A pool as large as the contract's thread count, so the concurrency tests really run in parallel.
        database = Database.openInMemory("offline-" + UUID.randomUUID(), 8);
        accounts = new H2AccountStore(database.dataSource());
        store = new H2OfflineStore(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    public OfflineStore store() {
        return store;
    }

    @Override
    public void createAccount(BareJid owner) {
        assertThat(accounts.create(AccountStoreContract.account(owner.toString(), RECEIVED))).isTrue();
    }

    @Test
    void deletingTheAccountDeletesItsMessages() {
        createAccount(ALICE);
        createAccount(BOB);
        store.store(ALICE, ROMEO, OfflineStoreContract.chat("for alice"), RECEIVED, UNLIMITED);
        store.store(BOB, ROMEO, OfflineStoreContract.chat("for bob"), RECEIVED, UNLIMITED);

        assertThat(accounts.delete(ALICE)).isTrue();

        assertThat(store.count(ALICE)).isZero();
        assertThat(store.count(BOB)).isEqualTo(1);
        createAccount(ALICE); // a new account of the same name starts with an empty queue
        assertThat(store.peek(ALICE, 10)).isEmpty();
    }

    @Test
    void storingForAJidWithoutAccountFailsAndStoresNothing() {
        assertThatThrownBy(() -> store.store(ALICE, ROMEO, OfflineStoreContract.chat("x"), RECEIVED, UNLIMITED))
                .isInstanceOf(StorageException.class)
                .hasMessage("cannot store an offline message for alice@example.org: no such account");
        assertThat(store.count(ALICE)).isZero();
    }

    @Test
    void sqlFailuresBecomeStorageExceptionsNamingTheOwner() {
        database.close();

        assertThatThrownBy(() -> store.peek(ALICE, 1))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to read the offline messages of alice@example.org")
                .hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> store.store(ALICE, ROMEO, OfflineStoreContract.chat("x"), RECEIVED, UNLIMITED))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to store an offline message for alice@example.org");
    }

    @Test
    void theStoredSizeIsTheUtf8Length() throws SQLException {
        createAccount(ALICE);
        String stanza = OfflineStoreContract.chat("Grüße 😀");
        store.store(ALICE, ROMEO, stanza, RECEIVED, UNLIMITED);

        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT stanza_bytes FROM offline_message");
                ResultSet row = select.executeQuery()) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isEqualTo(stanza.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void theQueueIndexIsOnOwnerThenId() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT COLUMN_NAME"
                        + " FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'"
                        + " AND INDEX_NAME = 'OFFLINE_MESSAGE_OWNER_ID' ORDER BY ORDINAL_POSITION");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        assertThat(columns).containsExactly("OWNER_JID", "ID");
    }

    @Test
    void messagesSurviveClosingAndReopeningTheFileDatabase(@TempDir Path dataDir) {
        OfflineMessage stored;
        try (Database file = Database.openFile(dataDir, 2)) {
            new H2AccountStore(file.dataSource()).create(AccountStoreContract.account(ALICE.toString(), RECEIVED));
            H2OfflineStore before = new H2OfflineStore(file.dataSource());
            before.store(ALICE, ROMEO, OfflineStoreContract.chat("kept across a restart"), RECEIVED, UNLIMITED);
            stored = before.peek(ALICE, 1).get(0);
        }

        try (Database file = Database.openFile(dataDir, 2)) {
            assertThat(new H2OfflineStore(file.dataSource()).peek(ALICE, 10)).containsExactly(stored);
        }
    }
}
