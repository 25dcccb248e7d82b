package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StripedExecutorTest {

    @Test
    void tasksWithTheSameKeyRunInSubmissionOrder() throws Exception {
        StripedExecutor lanes = new StripedExecutor("test", 4, 1000, 100);
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(4 * 2000);
        for (int i = 0; i < 2000; i++) {
            for (String key : List.of("a@x", "b@x", "c@x", "d@x")) {
                int n = i;
                lanes.execute(key, () -> {
                    seen.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
                    done.countDown();
                });
            }
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        lanes.shutdown(1000);
        for (List<Integer> order : seen.values()) {
            for (int i = 0; i < order.size(); i++) {
                assertThat(order.get(i)).isEqualTo(i);
            }
        }
    }

    @Test
    void aFullLaneBlocksAnOutsideSubmitterUntilThereIsRoom() throws Exception {
        StripedExecutor lanes = new StripedExecutor("test", 1, 1, 100);
        CountDownLatch release = new CountDownLatch(1);
        lanes.execute("k", () -> await(release)); // occupies the lane thread
        lanes.execute("k", () -> { }); // fills the one queue slot
        AtomicBoolean third = new AtomicBoolean();
        Thread submitter = new Thread(() -> {
            lanes.execute("k", () -> { });
            third.set(true);
        });
        submitter.start();
        submitter.join(300);
        assertThat(third).as("blocked while the lane is full").isFalse();
        release.countDown();
        submitter.join(5000);
        assertThat(third).as("accepted once there is room").isTrue();
        lanes.shutdown(1000);
    }

    @Test
    void aLaneThreadSubmittingToAFullLaneIsRejectedInsteadOfDeadlocking() throws Exception {
        StripedExecutor lanes = new StripedExecutor("test", 1, 1, 50);
        CountDownLatch outcome = new CountDownLatch(1);
        List<Throwable> errors = new ArrayList<>();
        lanes.execute("k", () -> {
            lanes.execute("k", () -> { }); // fills the queue: this lane is busy running us
            try {
                lanes.execute("k", () -> { });
            } catch (RejectedExecutionException e) {
                errors.add(e);
            }
            outcome.countDown();
        });
        assertThat(outcome.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).hasSize(1);
        lanes.shutdown(1000);
    }

    @Test
    void shutdownFinishesQueuedWorkStopsThreadsAndRefusesMore() throws Exception {
        StripedExecutor lanes = new StripedExecutor("striped-shutdown-test", 2, 100, 50);
        CountDownLatch ran = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            lanes.execute(i, ran::countDown);
        }
        lanes.shutdown(5000);
        assertThat(ran.getCount()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                t -> t.getName().startsWith("striped-shutdown-test") && t.isAlive());
        assertThatThrownBy(() -> lanes.execute("k", () -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
