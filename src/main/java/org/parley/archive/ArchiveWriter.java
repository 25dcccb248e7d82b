package org.parley.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.xmpp.BareJid;

/**
 * Group commit for the archive, as {@code offline.GroupCommitOfflineStore} does it for offline messages: the
 * messages that senders' processing threads archive at the same time are appended in one transaction, and each
 * caller returns only when its own rows are committed, so "archived" means "durable" before the message is routed
 * on (ADR 0022). No thread of its own: the first caller that finds no batch being written becomes the leader and
 * writes what is queued, at most {@code maxBatch} messages' rows at a time, until the queue is empty.
 *
 * <p>The leader also stamps each batch: the later of the clock and the previous batch's stamp, so stamps never go
 * back as ids go up, even when the clock does or after a restart (the first batch starts from the latest stamp in
 * the store). The archive's time filters rely on that.
 */
public final class ArchiveWriter {

    /** Longest a caller waits for its batch before it fails (the database is stuck; the sender gets an error). */
    private static final long WAIT_SECONDS = 60;

    /**
     * One message for one archive, not yet stamped.
     *
     * @param owner whose archive
     * @param with the other party's bare JID or domain
     * @param withResource the other party's resource, or null
     * @param outgoing whether the owner sent it
     * @param stanza the message as XML text
     */
    public record Draft(BareJid owner, String with, String withResource, boolean outgoing, String stanza) {}

    private record Pending(List<Draft> drafts, CompletableFuture<List<Long>> ids) {}

    private final ArchiveStore store;
    private final int maxBatch;
    private final int maxPerUser;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private Instant lastStamp; // read and written by the leader only

    /**
     * @param maxBatch most rows in one transaction
     * @param maxPerUser most messages one archive keeps, the oldest dropped beyond it (0: no limit)
     */
    public ArchiveWriter(ArchiveStore store, int maxBatch, int maxPerUser, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxBatch < 1 || maxPerUser < 0) {
            throw new IllegalArgumentException("maxBatch must be at least 1 and maxPerUser not negative");
        }
        this.maxBatch = maxBatch;
        this.maxPerUser = maxPerUser;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends one message's rows (one per archive that keeps it) and waits for the commit.
     *
     * @return each row's id, or {@link ArchiveStore#NOT_KEPT} where the owner has no account
     * @throws RuntimeException (a {@code StorageException}) when the batch could not be committed
     */
    public List<Long> append(List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        Pending mine = new Pending(List.copyOf(drafts), new CompletableFuture<>());
        queue.add(mine);
        lead();
        try {
            return mine.ids().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while archiving a message");
        } catch (TimeoutException e) {
            throw new IllegalStateException("no archive commit within " + WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("archiving a message failed", e.getCause());
        }
    }

    /** Transactions committed so far. */
    public long batches() {
        return batches.get();
    }

    /** Rows appended so far. */
    public long rows() {
        return rows.get();
    }

    private void lead() {
        while (!queue.isEmpty() && leader.compareAndSet(false, true)) {
            try {
                List<Pending> batch = new ArrayList<>();
                int size = 0;
                for (Pending p; size < maxBatch && (p = queue.poll()) != null; ) {
                    batch.add(p);
                    size += p.drafts().size();
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
        try {
            Instant at = stamp();
            List<ArchiveStore.Append> appends = new ArrayList<>();
            for (Pending p : batch) {
                for (Draft d : p.drafts()) {
                    appends.add(new ArchiveStore.Append(d.owner(), d.with(), d.withResource(), d.outgoing(), at,
                            d.stanza()));
                }
            }
            List<Long> ids = store.appendAll(appends, maxPerUser);
            batches.incrementAndGet();
            rows.addAndGet(appends.size());
            int i = 0;
            for (Pending p : batch) {
                p.ids().complete(List.copyOf(ids.subList(i, i + p.drafts().size())));
                i += p.drafts().size();
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.ids().completeExceptionally(e)); // nothing of the batch was committed
        }
    }

    private Instant stamp() {
        if (lastStamp == null) {
            lastStamp = store.latestStamp().orElse(Instant.EPOCH);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as clients see stamps
        if (now.isAfter(lastStamp)) {
            lastStamp = now;
        }
        return lastStamp;
    }
}
