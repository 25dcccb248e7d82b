package org.parley.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.storage.StorageException;
import org.parley.storage.memory.InMemoryOfflineStore;
import org.parley.xmpp.BareJid;

/** Group commit over the in-memory store: the store contract holds, batches form under contention, order holds. */
class GroupCommitOfflineStoreTest implements OfflineStoreContract {

    private final BatchCounting counting = new BatchCounting();
    private final GroupCommitOfflineStore store = new GroupCommitOfflineStore(counting, 64);
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Override
    public OfflineStore store() {
        return store;
    }

    @Override
    public void createAccount(BareJid owner) {
        // the in-memory store knows no accounts
    }

    /** The in-memory store, counting the batches it is given; one batch can be made to wait. */
    private static final class BatchCounting implements OfflineStore {
        private final InMemoryOfflineStore memory = new InMemoryOfflineStore();
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger largest = new AtomicInteger();
        volatile CountDownLatch hold;
        /** Counted down when the held batch starts to wait. */
        volatile CountDownLatch held = new CountDownLatch(1);
        volatile RuntimeException fail;

        @Override
        public List<OfflineStore.StoreResult> storeAll(List<StoreRequest> requests) {
            batches.incrementAndGet();
            largest.accumulateAndGet(requests.size(), Math::max);
            CountDownLatch h = hold;
            if (h != null) {
                hold = null;
                held.countDown();
                try {
                    h.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fail != null) {
                throw fail;
            }
            return memory.storeAll(requests);
        }

        @Override
        public OfflineStore.StoreResult store(BareJid owner, String from, String stanza, java.time.Instant receivedAt,
                OfflineQuota quota) {
            return memory.store(owner, from, stanza, receivedAt, quota);
        }

        @Override
        public List<OfflineMessage> peek(BareJid owner, int limit) {
            return memory.peek(owner, limit);
        }

        @Override
        public int delete(BareJid owner, long upToIdInclusive) {
            return memory.delete(owner, upToIdInclusive);
        }

        @Override
        public long count(BareJid owner) {
            return memory.count(owner);
        }

        @Override
        public long bytes(BareJid owner) {
            return memory.bytes(owner);
        }
    }

    @Test
    @DisplayName("stores that wait behind a commit in progress go into one batch, each caller gets its own result,"
            + " and each sender's messages keep their order")
    void concurrentStoresAreBatchedAndKeepEachSendersOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        counting.hold = release;
        int senders = 8;
        int each = 200;
        CyclicBarrier start = new CyclicBarrier(senders);
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Future<List<Long>>> ids = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            BareJid owner = BareJid.parse("user" + s + "@example.org");
            ids.add(pool.submit(() -> {
                threads.add(Thread.currentThread());
                start.await(10, TimeUnit.SECONDS);
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    OfflineStore.StoreResult result = store.store(owner, ROMEO, OfflineStoreContract.chat("m" + i), RECEIVED,
                            UNLIMITED);
                    mine.add(((OfflineStore.Stored) result).id());
                }
                return mine;
            }));
        }
        // the first batch is held until every other sender has queued its first store and waits for a leader
        assertThat(counting.held.await(10, TimeUnit.SECONDS)).as("the first batch started").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threads.stream().filter(t -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING).count() < senders && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        release.countDown();
        for (int s = 0; s < senders; s++) {
            List<Long> mine = ids.get(s).get(60, TimeUnit.SECONDS);
            assertThat(mine).hasSize(each).isSorted();
            BareJid owner = BareJid.parse("user" + s + "@example.org");
            List<String> bodies = store.peek(owner, 1000).stream().map(OfflineMessage::stanza).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                expected.add(OfflineStoreContract.chat("m" + i));
            }
            assertThat(bodies).as("user%d's queue in the order sent", s).isEqualTo(expected);
        }
        assertThat(counting.largest.get()).as("largest batch").isGreaterThan(1);
        assertThat(counting.batches.get()).as("batches for %d stores", senders * each).isLessThan(senders * each);
    }

    @Test
    @DisplayName("a failed batch fails every caller in it, and the next store works again")
    void aFailedCommitFailsItsCallers() {
        BareJid alice = BareJid.parse("alice@example.org");
        counting.fail = new StorageException("disk full");
        assertThatThrownBy(() -> store.store(alice, ROMEO, OfflineStoreContract.chat("lost"), RECEIVED, UNLIMITED))
                .isInstanceOf(StorageException.class).hasMessage("disk full");
        counting.fail = null;
        assertThat(store.store(alice, ROMEO, OfflineStoreContract.chat("kept"), RECEIVED, UNLIMITED))
                .isInstanceOf(OfflineStore.Stored.class);
        assertThat(store.count(alice)).isEqualTo(1);
    }
}
