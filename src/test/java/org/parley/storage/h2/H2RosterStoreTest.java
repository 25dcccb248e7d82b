package org.parley.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.account.AccountStoreContract;
import org.parley.roster.Roster;
import org.parley.roster.RosterChanges;
import org.parley.roster.RosterItem;
import org.parley.roster.RosterStore;
import org.parley.roster.RosterStoreContract;
import org.parley.storage.Database;
import org.parley.storage.StorageException;
import org.parley.subscription.SubscriptionRequestStore;
import org.parley.subscription.SubscriptionRequestStoreContract;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

class H2RosterStoreTest implements RosterStoreContract {

    private Database database;
    private H2AccountStore accounts;
    private H2RosterStore store;

    @BeforeEach
    void openDatabase() {
        database = Database.openInMemory("roster-" + UUID.randomUUID(), 4);
        accounts = new H2AccountStore(database.dataSource());
        store = new H2RosterStore(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    public RosterStore store() {
        return store;
    }

    @Override
    public SubscriptionRequestStore requests() {
        return store;
    }

    @Override
    public void createAccount(BareJid jid) {
        accounts.create(AccountStoreContract.account(jid.toString(), AccountStoreContract.CREATED));
    }

    @Override
    public void deleteAccount(BareJid jid) {
        accounts.delete(jid);
    }

    @Test
    void deletingAnAccountDeletesItsRosterRequestsAndVersion() throws SQLException {
        BareJid alice = owner("alice@example.org");
        BareJid bob = owner("bob@example.org");
        store.put(alice, RosterItem.of(bob, "Bob", SubscriptionState.BOTH, Set.of("Friends")));
        store.put(alice, RosterItem.of(CAROL, null, SubscriptionState.NONE, Set.of()));
        store.remove(alice, CAROL);
        store.update(alice, DAVE, entry -> SubscriptionRequestStoreContract.strangerAsks(entry,
                SubscriptionRequestStoreContract.request(DAVE, RECEIVED)));
        store.put(bob, RosterItem.of(alice, "Alice", SubscriptionState.BOTH, Set.of("Friends")));

        assertThat(accounts.delete(alice)).isTrue();

        for (String table : List.of("roster_item", "roster_group", "roster_version", "roster_tombstone")) {
            assertThat(rowsOf(table, alice)).as(table).isZero();
        }
        assertThat(store.roster(alice)).isEqualTo(new Roster(alice, 0, List.of()));
        assertThat(store.pendingFor(alice)).isEmpty();
        assertThat(store.changesSince(alice, 0)).contains(new RosterChanges(0, List.of(), List.of()));
        assertThat(store.item(bob, alice)).as("others' items for the deleted user are theirs to remove").isPresent();
        assertThat(store.generation(alice)).as("no account, no generation").isZero();
    }

    @Test
    void anOwnerWithoutAnAccountIsRefused() {
        BareJid stranger = BareJid.parse("stranger@example.org");

        assertThatThrownBy(() -> store.put(stranger, RosterItem.of(BOB, null, SubscriptionState.NONE, Set.of())))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to put bob@example.org in the roster of stranger@example.org")
                .hasCauseInstanceOf(SQLException.class);
        assertThat(store.roster(stranger)).isEqualTo(new Roster(stranger, 0, List.of()));
    }

    @Test
    void sqlFailuresBecomeStorageExceptionsNamingTheOwner() {
        BareJid alice = owner("alice@example.org");
        database.close();

        assertThatThrownBy(() -> store.roster(alice))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to read the roster of alice@example.org")
                .hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> store.update(alice, BOB, entry -> entry.withItem(null, Set.of())))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to update the roster entry bob@example.org of alice@example.org");
        assertThatThrownBy(() -> store.pendingFor(alice))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to read the pending subscription requests to alice@example.org");
    }

    private long rowsOf(String table, BareJid owner) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT COUNT(*) FROM " + table + " WHERE owner_jid = ?")) {
            count.setString(1, owner.toString());
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
