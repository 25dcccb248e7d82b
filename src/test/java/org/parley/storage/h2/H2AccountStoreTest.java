package org.parley.storage.h2;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.account.AccountStore;
import org.parley.account.AccountStoreContract;
import org.parley.storage.Database;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;

class H2AccountStoreTest implements AccountStoreContract {

    private Database database;
    private H2AccountStore store;

    @BeforeEach
    void openDatabase() {
        database = Database.openInMemory("accounts-" + UUID.randomUUID(), 4);
        store = new H2AccountStore(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    public AccountStore store() {
        return store;
    }

    @Test
    void sqlFailuresBecomeStorageExceptionsNamingTheAccount() {
        database.close();

        assertThatThrownBy(() -> store.find(BareJid.parse("alice@example.org")))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to read account alice@example.org")
                .hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> store.create(AccountStoreContract.account("bob@example.org", CREATED)))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to create account bob@example.org");
    }
}
