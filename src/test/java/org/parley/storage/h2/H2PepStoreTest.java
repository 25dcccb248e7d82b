package org.parley.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.pep.PepFixtures.ALICE;
import static org.parley.pep.PepFixtures.BOB;
import static org.parley.pep.PepFixtures.MOOD;
import static org.parley.pep.PepFixtures.OPEN_5;
import static org.parley.pep.PepFixtures.TUNE;
import static org.parley.pep.PepFixtures.item;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.account.AccountStoreContract;
import org.parley.pep.NodeConfig;
import org.parley.pep.PepItem;
import org.parley.pep.PepNode;
import org.parley.pep.PepStore;
import org.parley.pep.PepStoreContract;
import org.parley.storage.Database;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;

class H2PepStoreTest implements PepStoreContract {

    private static final Instant NOW = Instant.parse("2025-06-07T08:09:10.987654321Z");

    private Database database;
    private H2AccountStore accounts;
    private H2PepStore store;

    @BeforeEach
    void openDatabase() {
        // A pool as large as the contract's thread count, so the concurrency tests really run in parallel.
        database = Database.openInMemory("pep-" + UUID.randomUUID(), 8);
        accounts = new H2AccountStore(database.dataSource());
        store = new H2PepStore(database.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    public PepStore store() {
        return store;
    }

    @Override
    public void createAccount(BareJid owner) {
        assertThat(accounts.create(AccountStoreContract.account(owner.toString(), AccountStoreContract.CREATED)))
                .isTrue();
    }

    @Test
    void deletingTheAccountDeletesItsNodesAndItems() throws SQLException {
        createAccount(ALICE);
        createAccount(BOB);
        store.publish(ALICE, TUNE, OPEN_5, item("a", 0));
        store.publish(BOB, TUNE, OPEN_5, item("b", 0));

        assertThat(accounts.delete(ALICE)).isTrue();

        assertThat(store.nodes(ALICE)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM pep_item WHERE owner_jid = 'alice@example.org'")).isZero();
        assertThat(store.items(BOB, TUNE, 10)).extracting(PepItem::id).containsExactly("b");
        createAccount(ALICE); // a new account of the same name starts with no nodes
        assertThat(store.node(ALICE, TUNE)).isEmpty();
    }

    @Test
    void anOwnerWithoutAccountIsRefusedAndGetsNothing() {
        assertThatThrownBy(() -> store.publish(ALICE, TUNE, OPEN_5, item("a", 0)))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to publish item a to PEP node " + TUNE + " of alice@example.org");
        assertThatThrownBy(() -> store.create(new PepNode(ALICE, TUNE, NodeConfig.DEFAULT)))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to create PEP node " + TUNE + " of alice@example.org");
        assertThat(store.nodes(ALICE)).isEmpty();
    }

    @Test
    void aNodeRecordsWhenTheClockSaysItWasCreated() throws SQLException {
        createAccount(ALICE);
        store.create(new PepNode(ALICE, TUNE, OPEN_5));
        store.publish(ALICE, MOOD, OPEN_5, item("a", 0));

        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT created_at FROM pep_node ORDER BY node");
                ResultSet rows = select.executeQuery()) {
            for (int i = 0; i < 2; i++) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(NOW);
            }
        }
    }

    @Test
    void sqlFailuresBecomeStorageExceptionsNamingTheNode() {
        database.close();

        assertThatThrownBy(() -> store.items(ALICE, TUNE, 1))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to read the items of PEP node " + TUNE + " of alice@example.org")
                .hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> store.purge(ALICE, TUNE))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to purge PEP node " + TUNE + " of alice@example.org");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
