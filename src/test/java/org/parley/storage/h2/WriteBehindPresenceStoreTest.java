package org.parley.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.account.AccountStoreContract;
import org.parley.presence.PresenceStore;
import org.parley.presence.PresenceStoreContract;
import org.parley.presence.PresenceWrite;
import org.parley.presence.WriteBehindPresenceStore;
import org.parley.storage.Database;
import org.parley.xmpp.BareJid;

/** The write-behind store over H2 keeps the whole presence store contract, and batches under load. */
class WriteBehindPresenceStoreTest implements PresenceStoreContract {

    private Database database;
    private H2AccountStore accounts;
    private CountingStore h2;
    private WriteBehindPresenceStore store;

    @BeforeEach
    void open() {
        database = Database.openInMemory("write-behind-" + UUID.randomUUID(), 8);
        accounts = new H2AccountStore(database.dataSource());
        h2 = new CountingStore(new H2PresenceStore(database.dataSource()));
        store = new WriteBehindPresenceStore(h2, 64);
    }

    @AfterEach
    void close() {
        store.close();
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
    void writesQueuedWhileABatchIsAppliedGoInTheNextBatchTogether() throws Exception {
        List<BareJid> users = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add(BareJid.parse("user" + i + "@example.org"));
            createAccount(users.get(i));
        }
        h2.blockNextWrite();
        store.online(users.get(0), "r", T0);
        assertThat(h2.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < users.size(); i++) {
            store.online(users.get(i), "r", T0);
        }
        h2.release.countDown();
        store.flush();

        assertThat(store.online()).hasSize(50);
        assertThat(h2.batchSizes).containsExactly(1, 49);
    }

    @Test
    void aReadOfAUserWithQueuedWritesSeesThem() {
        BareJid alice = BareJid.parse("alice@example.org");
        createAccount(alice);
        h2.blockNextWrite();
        store.online(alice, "r", T0);
        store.offline(alice, "r", PresenceStoreContract.unavailable(alice, "r", "bye"), T1);
        h2.release.countDown();

        assertThat(store.last(alice)).hasValueSatisfying(last -> assertThat(last.at()).isEqualTo(T1));
    }

    @Test
    void oneFailingWriteDoesNotLoseTheOthersOfItsBatch() {
        BareJid alice = BareJid.parse("alice@example.org");
        BareJid ghost = BareJid.parse("ghost@example.org"); // no account: coming online is refused
        createAccount(alice);
        h2.blockNextWrite();
        store.online(alice, "first", T0);
        store.online(ghost, "r", T0);
        store.online(alice, "second", T0);
        h2.release.countDown();
        store.flush();

        assertThat(store.online()).extracting(PresenceStore.OnlineResource::resource)
                .containsExactly("first", "second");
    }

    @Test
    void aFullQueueMakesTheCallerWriteInsteadOfGrowing() {
        BareJid alice = BareJid.parse("alice@example.org");
        createAccount(alice);
        h2.blockNextWrite();
        store.online(alice, "r0", T0);
        Thread filler = new Thread(() -> {
            for (int i = 1; i <= 100; i++) {
                store.online(alice, "r" + i, T0);
            }
        });
        filler.start();
        h2.release.countDown();
        assertThat(joined(filler)).isTrue();
        store.flush();

        assertThat(store.online()).hasSize(101);
        assertThat(h2.batchSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(64));
    }

    @Test
    void closeAppliesWhatIsQueued() {
        BareJid alice = BareJid.parse("alice@example.org");
        createAccount(alice);
        for (int i = 0; i < 10; i++) {
            store.online(alice, "r" + i, T0);
        }
        store.close();

        assertThat(new H2PresenceStore(database.dataSource()).online()).hasSize(10);
    }

    private static boolean joined(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Counts the batches that reach the H2 store, and can hold one back to let writes pile up behind it. */
    private static final class CountingStore implements PresenceStore {
        private final PresenceStore delegate;
        final List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile CountDownLatch blocked = new CountDownLatch(0);
        volatile CountDownLatch release = new CountDownLatch(0);

        CountingStore(PresenceStore delegate) {
            this.delegate = delegate;
        }

        void blockNextWrite() {
            blocked = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        @Override
        public void write(List<PresenceWrite> writes) {
            batchSizes.add(writes.size());
            if (blocked.getCount() > 0) {
                blocked.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            delegate.write(writes);
        }

        @Override
        public void serverStarted(long pid, Instant at) {
            delegate.serverStarted(pid, at);
        }

        @Override
        public OptionalLong serverPid() {
            return delegate.serverPid();
        }

        @Override
        public void online(BareJid user, String resource, Instant since) {
            write(List.of(new PresenceWrite.Online(user, resource, since)));
        }

        @Override
        public void offline(BareJid user, String resource, String unavailableStanza, Instant at) {
            write(List.of(new PresenceWrite.Offline(user, resource, unavailableStanza, at)));
        }

        @Override
        public List<OnlineResource> online() {
            return delegate.online();
        }

        @Override
        public Optional<LastPresence> last(BareJid user) {
            return delegate.last(user);
        }
    }
}
