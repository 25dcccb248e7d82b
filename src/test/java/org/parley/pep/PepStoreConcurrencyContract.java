package org.parley.pep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.pep.PepFixtures.ALICE;
import static org.parley.pep.PepFixtures.TUNE;
import static org.parley.pep.PepFixtures.item;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;

/**
 * How every {@link PepStore} must behave under concurrent use: publishes to one node take turns, so none is lost
 * or kept twice and a node never holds more than its maximum; racing first publishes create a node once. Part of
 * {@link PepStoreContract}, which backends implement; the threads are bounded by timeouts, so a deadlock fails the
 * test instead of hanging the build.
 */
public interface PepStoreConcurrencyContract {

    /** A fresh, empty store; called once per test method and then again for the same store. */
    PepStore store();

    /** Makes {@code owner} an existing account where the backend requires owners to be accounts; else does nothing. */
    void createAccount(BareJid owner);

    private List<String> newestIds(BareJid owner, String node) {
        return store().items(owner, node, NodeConfig.MAX_ITEMS_LIMIT).stream().map(PepItem::id).toList();
    }

    @Test
    default void concurrentPublishesToOneNodeKeepExactlyTheNewestMaxItems() throws Exception {
        createAccount(ALICE);
        int threads = 4;
        int perThread = 50;
        NodeConfig ten = new NodeConfig(AccessModel.PRESENCE, 10);

        AtomicInteger publishing = new AtomicInteger(threads);
        AtomicInteger mostSeen = new AtomicInteger();

        // The node does not exist yet: the first publishes also race to create it. One more thread reads meanwhile:
        // no committed state may hold more than max items, not only the last one.
        runConcurrently(threads + 1, thread -> {
            if (thread == threads) {
                // Also stops when the test gave up and interrupted the pool, so no thread outlives it.
                while (publishing.get() > 0 && !Thread.currentThread().isInterrupted()) {
                    mostSeen.accumulateAndGet(store().items(ALICE, TUNE, 1000).size(), Math::max);
                }
                return;
            }
            try {
                for (int i = 0; i < perThread; i++) {
                    store().publish(ALICE, TUNE, ten, item(thread + "-" + i, i));
                }
            } finally {
                publishing.decrementAndGet();
            }
        });

        assertThat(mostSeen.get()).as("most items seen during the publishes").isLessThanOrEqualTo(10);
        List<String> kept = newestIds(ALICE, TUNE);
        assertThat(kept).hasSize(10).doesNotHaveDuplicates();
        assertThat(store().node(ALICE, TUNE)).contains(new PepNode(ALICE, TUNE, ten));
        // Publication order is only known per thread: what is kept of each thread must be its last items, newest
        // first, and nothing older than an item that was dropped.
        for (int thread = 0; thread < threads; thread++) {
            String prefix = thread + "-";
            List<Integer> mine = kept.stream().filter(id -> id.startsWith(prefix))
                    .map(id -> Integer.parseInt(id.substring(prefix.length()))).toList();
            List<Integer> lastOfThread = new ArrayList<>();
            for (int i = perThread - 1; i >= perThread - mine.size(); i--) {
                lastOfThread.add(i);
            }
            assertThat(mine).as("items kept of thread %d", thread).containsExactlyElementsOf(lastOfThread);
        }
    }

    @Test
    default void concurrentFirstPublishesCreateEachNodeOnce() throws Exception {
        createAccount(ALICE);
        int threads = 4;
        int nodes = 20;

        runConcurrently(threads, thread -> {
            for (int n = 0; n < nodes; n++) {
                store().publish(ALICE, "node-" + n, new NodeConfig(AccessModel.OPEN, 256), item("from-" + thread, n));
            }
        });

        assertThat(store().nodes(ALICE)).hasSize(nodes);
        for (int n = 0; n < nodes; n++) {
            assertThat(newestIds(ALICE, "node-" + n)).as("items of node-%d", n)
                    .containsExactlyInAnyOrder("from-0", "from-1", "from-2", "from-3");
        }
    }

    /** Work of one thread, told its number. */
    @FunctionalInterface
    interface ThreadWork {
        void run(int thread);
    }

    /** Runs {@code work} on {@code threads} threads that start together, and waits (bounded) for all to finish. */
    private static void runConcurrently(int threads, ThreadWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Void> task = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    work.run(thread);
                    return null;
                };
                done.add(pool.submit(task));
            }
            for (Future<Void> future : done) {
                future.get(60, TimeUnit.SECONDS); // rethrows a thread's failure
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
