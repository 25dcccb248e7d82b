package org.parley.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.account.AccountStoreContract;
import org.parley.archive.ArchiveDefault;
import org.parley.archive.ArchivePrefs;
import org.parley.archive.ArchiveStore;
import org.parley.archive.ArchiveStoreContract;
import org.parley.storage.Database;
import org.parley.xmpp.BareJid;

/** The archive contract on a file database in a temporary directory, plus what only H2 does (cascades, restart). */
class H2ArchiveStoreTest implements ArchiveStoreContract {

    @TempDir
    Path dir;

    private Database database;
    private H2AccountStore accounts;
    private H2ArchiveStore store;

    @BeforeEach
    void open() {
        database = Database.openFile(dir, 2);
        accounts = new H2AccountStore(database.dataSource());
        store = new H2ArchiveStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Override
    public ArchiveStore store() {
        return store;
    }

    @Override
    public void createAccount(BareJid owner) {
        assertThat(accounts.create(AccountStoreContract.account(owner.toString(), T0))).isTrue();
    }

    @Test
    void deletingTheAccountDeletesItsArchiveAndPrefsOnly() {
        createAccount(ALICE);
        createAccount(BOB);
        fill(3);
        store.appendAll(List.of(ArchiveStoreContract.append(BOB, ALICE, 0, "to bob")), 0);
        store.setPrefs(ALICE, new ArchivePrefs(ArchiveDefault.NEVER, Set.of(BOB.toString()), Set.of()));

        assertThat(accounts.delete(ALICE)).isTrue();

        assertThat(store.count(ALICE, ALL)).isZero();
        assertThat(store.prefs(ALICE)).isEmpty();
        assertThat(store.count(BOB, ALL)).isEqualTo(1);
        createAccount(ALICE); // a new account of the same name starts with an empty archive
        assertThat(store.read(ALICE, ALL, false, 10)).isEmpty();
    }

    @Test
    void idsAndStampsSurviveARestartAndAreNeverReused() {
        createAccount(ALICE);
        List<Long> before = fill(3);
        store.delete(ALICE, before.get(2));
        database.close();
        database = Database.openFile(dir, 2);
        store = new H2ArchiveStore(database.dataSource());
        assertThat(store.latestStamp()).hasValue(T0.plusSeconds(1));
        long next = store.appendAll(List.of(ArchiveStoreContract.append(ALICE, BOB, 5, "after")), 0).get(0);
        assertThat(next).isGreaterThan(before.get(2));
        assertThat(store.existing(ALICE, Set.copyOf(before))).containsExactlyInAnyOrder(before.get(0), before.get(1));
    }
}
