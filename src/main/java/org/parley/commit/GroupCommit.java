package org.parley.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Group commit: callers on many threads {@link #submit} requests, and the requests queued at the same moment are
 * written in one transaction by {@code writeAll}; each caller returns when its own request is committed.
 *
 * <p>No thread of its own: the first caller that finds no batch being written becomes the leader and writes what is
 * queued (at most {@code maxBatch} by weight at a time, but always at least one request) until the queue is empty;
 * the others wait for their result. After letting go, a leader looks at the queue again, so a request queued just as
 * it finished is never left without one. One caller's requests are written in its order (each returns before its
 * next begins), and a batch in queue order. {@code writeAll} runs on one leader at a time, so state it keeps between
 * batches needs no lock of its own.
 *
 * @param <R> a request
 * @param <T> its result
 */
public final class GroupCommit<R, T> {

    /** Longest a caller waits for its batch before it fails (the database is stuck; the sender gets an error). */
    private static final long WAIT_SECONDS = 60;

    private record Pending<R, T>(R request, CompletableFuture<T> result) {}

    private final int maxBatch;
    private final ToIntFunction<R> weight;
    private final Function<List<R>, List<T>> writeAll;
    private final Function<R, String> describe;
    private final ConcurrentLinkedQueue<Pending<R, T>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leader = new AtomicBoolean();

    /**
     * @param maxBatch the most a batch may weigh
     * @param weight what one request weighs (its rows, say)
     * @param writeAll writes the requests in one transaction and returns one result per request, in order; an
     *     unchecked exception fails every caller of the batch (nothing of it was committed)
     * @param describe a request in words, for the exceptions ("an offline message for alice@example.org"); called
     *     only when one is thrown
     */
    public GroupCommit(int maxBatch, ToIntFunction<R> weight, Function<List<R>, List<T>> writeAll,
            Function<R, String> describe) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.weight = Objects.requireNonNull(weight, "weight");
        this.writeAll = Objects.requireNonNull(writeAll, "writeAll");
        this.describe = Objects.requireNonNull(describe, "describe");
    }

    /**
     * Queues {@code request} and waits until it is committed.
     *
     * @throws RuntimeException the exception of a failed batch, or an {@code IllegalStateException} when the wait
     *     is interrupted or too long
     */
    public T submit(R request) {
        Pending<R, T> mine = new Pending<>(request, new CompletableFuture<>());
        queue.add(mine);
        lead();
        try {
            return mine.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing " + describe.apply(request));
        } catch (TimeoutException e) {
            throw new IllegalStateException("no commit of " + describe.apply(request) + " within " + WAIT_SECONDS
                    + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("committing " + describe.apply(request) + " failed", e.getCause());
        }
    }

    /** Writes batches while this thread can be the leader and something is queued. */
    private void lead() {
        while (!queue.isEmpty() && leader.compareAndSet(false, true)) {
            try {
                List<Pending<R, T>> batch = new ArrayList<>();
                int size = 0;
                for (Pending<R, T> p; size < maxBatch && (p = queue.poll()) != null; ) {
                    batch.add(p);
                    size += weight.applyAsInt(p.request());
                }
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } finally {
                leader.set(false);
            }
        }
    }

    private void write(List<Pending<R, T>> batch) {
        List<R> requests = new ArrayList<>(batch.size());
        batch.forEach(p -> requests.add(p.request()));
        try {
            List<T> results = writeAll.apply(requests);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e)); // nothing of the batch was committed
        }
    }
}
