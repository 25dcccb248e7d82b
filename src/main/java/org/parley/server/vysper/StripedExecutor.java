package org.parley.server.vysper;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of single-thread lanes with bounded queues. Work submitted under the same key always runs on the same
 * lane, in submission order; different keys spread over the lanes and run in parallel.
 *
 * <p>A full lane blocks the submitter (back-pressure), except when the submitter is itself a lane thread: lanes
 * waiting on each other could deadlock, so such a submission waits at most {@code laneWaitMillis} and is then
 * rejected (the caller logs and drops that one delivery; it never happens below the configured capacity).
 */
final class StripedExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(StripedExecutor.class);
    private static final Runnable POISON = () -> { };

    private final List<BlockingQueue<Runnable>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long laneWaitMillis;
    private volatile boolean shutdown;

    StripedExecutor(String name, int lanes, int capacityPerLane, long laneWaitMillis) {
        if (lanes < 1 || capacityPerLane < 1) {
            throw new IllegalArgumentException("lanes and capacity must be positive");
        }
        this.laneWaitMillis = laneWaitMillis;
        for (int i = 0; i < lanes; i++) {
            BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(capacityPerLane);
            Thread thread = new Thread(() -> runLane(queue), name + "-" + i);
            thread.setDaemon(false);
            queues.add(queue);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /**
     * Runs {@code task} after every earlier task submitted with an equal key.
     *
     * @throws RejectedExecutionException after shutdown, or when a lane thread found the target lane full too long
     */
    void execute(Object key, Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("delivery is shutting down");
        }
        BlockingQueue<Runnable> queue = queues.get(Math.floorMod(key.hashCode(), queues.size()));
        try {
            if (threads.contains(Thread.currentThread())) {
                if (!queue.offer(task, laneWaitMillis, TimeUnit.MILLISECONDS)) {
                    throw new RejectedExecutionException("delivery lane full");
                }
            } else {
                queue.put(task);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while waiting for a delivery lane", e);
        }
    }

    private static void runLane(BlockingQueue<Runnable> queue) {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return; // forced shutdown
            }
            if (task == POISON) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("delivery task failed", e);
            }
        }
    }

    /** Lets queued work finish (up to {@code graceMillis} in all), then stops every lane thread. */
    void shutdown(long graceMillis) {
        shutdown = true;
        for (BlockingQueue<Runnable> queue : queues) {
            if (!queue.offer(POISON)) {
                queue.clear();
                queue.offer(POISON);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        for (Thread thread : threads) {
            try {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                thread.join(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
    }
}
