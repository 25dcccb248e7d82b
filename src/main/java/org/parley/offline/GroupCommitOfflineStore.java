package org.parley.offline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.xmpp.BareJid;

/**
 * Group commit for offline messages: stores that arrive together, from many senders' processing threads, are
 * written in one transaction ({@link OfflineStore#storeAll}), and each caller returns only when its own message is
 * committed. A commit costs H2 about as much as 50 inserts, so under concurrent load this turns one commit per
 * message into one per batch, while "stored" still means "durable" for every caller (ADR 0016).
 *
 * <p>No thread of its own: the first caller that finds no batch being written becomes the leader and writes what is
 * queued (at most {@code maxBatch} at a time) until the queue is empty; the others wait for their result. After
 * letting go, a leader looks at the queue again, so a request queued just as it finished is never left without one.
 * One caller's stores are written in its order (each returns before its next begins), and a batch in queue order.
 * Reads and deletes go straight to the delegate.
 */
public final class GroupCommitOfflineStore implements OfflineStore {

    /** Longest a caller waits for its batch before it fails (the database is stuck; the sender gets an error). */
    private static final long WAIT_SECONDS = 60;

    private final OfflineStore delegate;
    private final int maxBatch;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leader = new AtomicBoolean();

    private record Pending(StoreRequest request, CompletableFuture<StoreResult> result) {}

    /** Batches of at most {@code maxBatch} stores over {@code delegate}. */
    public GroupCommitOfflineStore(OfflineStore delegate, int maxBatch) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        this.maxBatch = maxBatch;
    }

    @Override
    public StoreResult store(BareJid owner, String from, String stanza, Instant receivedAt, OfflineQuota quota) {
        OfflineMessage.requireContent(from, stanza); // bad input fails this caller only, never a batch
        Pending mine = new Pending(new StoreRequest(owner, from, stanza, receivedAt, quota),
                new CompletableFuture<>());
        queue.add(mine);
        lead();
        try {
            return mine.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing an offline message for " + owner);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no commit of an offline message for " + owner + " within "
                    + WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("storing an offline message for " + owner + " failed", e.getCause());
        }
    }

    /** Writes batches while this thread can be the leader and something is queued. */
    private void lead() {
        while (!queue.isEmpty() && leader.compareAndSet(false, true)) {
            try {
                List<Pending> batch = new ArrayList<>();
                for (Pending p; batch.size() < maxBatch && (p = queue.poll()) != null; ) {
                    batch.add(p);
                }
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } finally {
                leader.set(false);
            }
        }
    }

    private void write(List<Pending> batch) {
        List<StoreRequest> requests = new ArrayList<>(batch.size());
        batch.forEach(p -> requests.add(p.request()));
        try {
            List<StoreResult> results = delegate.storeAll(requests);
            for (int i = 0; i < batch.size(); i++) {
                // NoSuchAccount too: the account was deleted while its message was in flight; the caller refuses it
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e)); // nothing of the batch was committed
        }
    }

    @Override
    public List<OfflineMessage> peek(BareJid owner, int limit) {
        return delegate.peek(owner, limit);
    }

    @Override
    public int delete(BareJid owner, long upToIdInclusive) {
        return delegate.delete(owner, upToIdInclusive);
    }

    @Override
    public long count(BareJid owner) {
        return delegate.count(owner);
    }

    @Override
    public long bytes(BareJid owner) {
        return delegate.bytes(owner);
    }
}
