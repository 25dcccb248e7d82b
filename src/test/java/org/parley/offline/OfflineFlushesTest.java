package org.parley.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.xmpp.BareJid;

/** The one-flusher-per-user protocol of {@link OfflineFlushes}, step by step and under contention. */
class OfflineFlushesTest {

    private static final BareJid ALICE = BareJid.parse("alice@example.org");
    private static final BareJid BOB = BareJid.parse("bob@example.org");

    private final OfflineFlushes flushes = new OfflineFlushes();

    @Test
    @DisplayName("the first request makes the caller the flusher, to the resource it names")
    void firstRequestMakesTheFlusher() {
        assertThat(flushes.inProgress(ALICE)).isEmpty();

        assertThat(flushes.request(ALICE, "phone")).isTrue();

        assertThat(flushes.inProgress(ALICE)).contains("phone");
        assertThat(flushes.inProgress(BOB)).as("per user").isEmpty();
        assertThat(flushes.request(BOB, "laptop")).as("another user's flush is independent").isTrue();
    }

    @Test
    @DisplayName("finish ends a flush nobody asked for again, and removes it")
    void finishEndsWhenNothingWasRequested() {
        flushes.request(ALICE, "phone");

        assertThat(flushes.finish(ALICE, null)).isFalse();

        assertThat(flushes.inProgress(ALICE)).isEmpty();
        assertThat(flushes.request(ALICE, "phone")).as("the next request makes a new flusher").isTrue();
    }

    @Test
    @DisplayName("a request during a flush keeps it in progress and makes the flusher read once more")
    void requestDuringAFlushRunsItAgain() {
        flushes.request(ALICE, "phone");

        assertThat(flushes.request(ALICE, "phone")).as("not a second flusher").isFalse();
        assertThat(flushes.request(ALICE, "phone")).isFalse();
        assertThat(flushes.inProgress(ALICE)).contains("phone");

        assertThat(flushes.finish(ALICE, null)).as("asked for since the last read: read again").isTrue();
        assertThat(flushes.inProgress(ALICE)).as("still in progress while it reads again").contains("phone");
        assertThat(flushes.finish(ALICE, null)).as("two requests, one more run").isFalse();
        assertThat(flushes.inProgress(ALICE)).isEmpty();
    }

    @Test
    @DisplayName("finish when no flush is in progress does nothing")
    void finishWithoutAFlush() {
        assertThat(flushes.finish(ALICE, "phone")).isFalse();
        assertThat(flushes.inProgress(ALICE)).isEmpty();
    }

    @Test
    @DisplayName("a flusher that runs again may drain to another resource from then on")
    void retarget() {
        flushes.request(ALICE, "phone");
        flushes.request(ALICE, "phone");

        assertThat(flushes.finish(ALICE, "laptop")).isTrue();

        assertThat(flushes.inProgress(ALICE)).contains("laptop");
        assertThat(flushes.finish(ALICE, "tablet")).as("nothing asked: it ends, the retarget is moot").isFalse();
        assertThat(flushes.inProgress(ALICE)).isEmpty();
    }

    @Test
    @DisplayName("a flusher with no resource left drains to the one the latest request named")
    void noResourceLeftTakesTheAskedOne() {
        flushes.request(ALICE, "phone");
        flushes.request(ALICE, "laptop"); // a sign-on, before its resource is available

        assertThat(flushes.finish(ALICE, null)).isTrue();

        assertThat(flushes.inProgress(ALICE)).contains("laptop");
        flushes.request(ALICE, "tablet");
        assertThat(flushes.finish(ALICE, "phone")).as("a resource of the flusher's own wins").isTrue();
        assertThat(flushes.inProgress(ALICE)).contains("phone");
        assertThat(flushes.finish(ALICE, null)).isFalse();
    }

    /**
     * Four threads each run 10,000 cycles of "store, then request; if the flusher, read the queue until finish says
     * stop". The queue is a counter of stores. The threads meet after every cycle (a barrier: every flush of that
     * round has ended), and there every store must have been read by a flusher. Checked: never two flushers of one
     * user at once, and no request is left without a read after it, however requests and finishes interleave.
     */
    @Test
    @Timeout(60)
    @DisplayName("under contention: at most one flusher at a time, and every request is followed by a read")
    void stress() throws Exception {
        int threads = 4;
        int cycles = 10_000;
        AtomicLong stored = new AtomicLong();
        AtomicLong readUpTo = new AtomicLong();
        AtomicInteger flushers = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger unread = new AtomicInteger();
        AtomicInteger contended = new AtomicInteger();
        CyclicBarrier round = new CyclicBarrier(threads, () -> {
            // every thread finished its cycle: no flush runs, so nothing stored may be left unread
            if (readUpTo.get() != stored.get()) {
                unread.incrementAndGet();
                readUpTo.set(stored.get()); // count each lost read once
            }
            if (flushes.inProgress(ALICE).isPresent()) {
                unread.incrementAndGet();
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < cycles; i++) {
                        stored.incrementAndGet(); // the store commits before the request
                        if (flushes.request(ALICE, "phone")) {
                            do {
                                if (flushers.incrementAndGet() != 1) {
                                    overlaps.incrementAndGet();
                                }
                                readUpTo.accumulateAndGet(stored.get(), Math::max); // reads the whole queue
                                flushers.decrementAndGet();
                            } while (flushes.finish(ALICE, null));
                        } else {
                            contended.incrementAndGet(); // the flusher in progress must read it
                        }
                        round.await(10, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(overlaps.get()).as("two flushers at once").isZero();
        assertThat(unread.get()).as("rounds that ended with a store nobody read").isZero();
        assertThat(readUpTo.get()).isEqualTo((long) threads * cycles);
        assertThat(contended.get()).as("requests that met a flush in progress (the case under test)").isPositive();
    }
}
