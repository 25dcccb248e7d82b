package org.parley.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.account.AccountStoreContract;
import org.parley.presence.PresenceStore;
import org.parley.presence.PresenceStore.LastPresence;
import org.parley.presence.PresenceStore.OnlineResource;
import org.parley.presence.PresenceStoreContract;
import org.parley.storage.Database;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;

class H2PresenceStoreTest implements PresenceStoreContract {

    private Database database;
    private H2AccountStore accounts;
    private H2PresenceStore store;

    @BeforeEach
    void openDatabase() {
        // A pool as large as the contract's thread count, so the concurrency test really runs in parallel.
        database = Database.openInMemory("presence-" + UUID.randomUUID(), 8);
        accounts = new H2AccountStore(database.dataSource());
        store = new H2PresenceStore(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    public PresenceStore store() {
        return store;
    }

    @Override
    public void createAccount(BareJid user) {
        accounts.create(AccountStoreContract.account(user.toString(), AccountStoreContract.CREATED));
    }

    @Test
    void deletingTheAccountDeletesItsOnlineRowsAndLastPresence() {
        createAccount(ALICE);
        createAccount(BOB);
        store.online(ALICE, "phone", T0);
        store.offline(ALICE, "phone", PresenceStoreContract.unavailable(ALICE, "phone", "bye"), T1);
        store.online(ALICE, "laptop", T1);
        store.online(BOB, "desk", T1);

        assertThat(accounts.delete(ALICE)).isTrue();

        assertThat(store.online()).containsExactly(new OnlineResource(BOB, "desk", T1));
        assertThat(store.last(ALICE)).isEmpty();
        createAccount(ALICE); // a new account of the same name starts with no presence history
        assertThat(store.last(ALICE)).isEmpty();
    }

    @Test
    void comingOnlineWithoutAnAccountIsRefused() {
        assertThatThrownBy(() -> store.online(ALICE, "phone", T0))
                .isInstanceOf(StorageException.class)
                .hasMessage("cannot record alice@example.org/phone as online: no such account");
        assertThat(store.online()).isEmpty();
    }

    @Test
    void goingOfflineAfterTheAccountWasDeletedRecordsNothing() {
        createAccount(ALICE);
        store.online(ALICE, "phone", T0);
        accounts.delete(ALICE);

        store.offline(ALICE, "phone", PresenceStoreContract.unavailable(ALICE, "phone", "bye"), T1);

        assertThat(store.online()).isEmpty();
        assertThat(store.last(ALICE)).isEmpty();
    }

    @Test
    void sqlFailuresBecomeStorageExceptionsNamingTheUser() {
        database.close();

        assertThatThrownBy(() -> store.last(ALICE))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to read the last presence of alice@example.org")
                .hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> store.offline(ALICE, "phone", "<presence type='unavailable'/>", T1))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to record alice@example.org/phone as offline");
        assertThatThrownBy(() -> store.serverPid())
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to read the server process id");
    }

    @Test
    void theServerPidAndLastPresencesSurviveAReopenOfTheFileDatabase(@TempDir Path dataDir) {
        try (Database file = Database.openFile(dataDir, 2)) {
            new H2AccountStore(file.dataSource()).create(AccountStoreContract.account(ALICE.toString(), T0));
            H2PresenceStore before = new H2PresenceStore(file.dataSource());
            before.serverStarted(12345, T0);
            before.online(ALICE, "phone", T0);
            before.offline(ALICE, "phone", PresenceStoreContract.unavailable(ALICE, "phone", "kept"), T1);
            before.online(ALICE, "laptop", T1);
        }

        try (Database file = Database.openFile(dataDir, 2)) {
            H2PresenceStore after = new H2PresenceStore(file.dataSource());
            assertThat(after.serverPid()).hasValue(12345);
            assertThat(after.online()).containsExactly(new OnlineResource(ALICE, "laptop", T1));
            assertThat(after.last(ALICE))
                    .contains(new LastPresence(ALICE, PresenceStoreContract.unavailable(ALICE, "phone", "kept"), T1));
        }
    }
}
