package org.parley.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.commit.GroupCommit;
import org.parley.xmpp.BareJid;

/**
 * Group commit for the archive, as {@code offline.GroupCommitOfflineStore} does it for offline messages: the
 * messages that senders' processing threads archive at the same time are appended in one transaction, and each
 * caller returns only when its own rows are committed, so "archived" means "durable" before the message is routed
 * on (ADR 0022). The batching is {@link GroupCommit}'s (no thread of its own), at most {@code maxBatch} rows per
 * transaction.
 *
 * <p>The leader also stamps each batch: the later of the clock and the previous batch's stamp, so stamps never go
 * back as ids go up, even when the clock does or after a restart (the first batch starts from the latest stamp in
 * the store). The archive's time filters rely on that.
 */
public final class ArchiveWriter {

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

    private final ArchiveStore store;
    private final int maxPerUser;
    private final Clock clock;
    private final GroupCommit<List<Draft>, List<Long>> commits;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private Instant lastStamp; // read and written by the leader only (GroupCommit runs one write at a time)

    /**
     * @param maxBatch most rows in one transaction
     * @param maxPerUser most messages one archive keeps, the oldest dropped beyond it (0: no limit)
     */
    public ArchiveWriter(ArchiveStore store, int maxBatch, int maxPerUser, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxBatch < 1 || maxPerUser < 0) {
            throw new IllegalArgumentException("maxBatch must be at least 1 and maxPerUser not negative");
        }
        this.maxPerUser = maxPerUser;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.commits = new GroupCommit<>(maxBatch, List::size, this::write, drafts -> "an archived message");
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
        return commits.submit(List.copyOf(drafts));
    }

    /** Transactions committed so far. */
    public long batches() {
        return batches.get();
    }

    /** Rows appended so far. */
    public long rows() {
        return rows.get();
    }

    /** One transaction for the drafts of several messages, on the leader's thread; each message gets its ids. */
    private List<List<Long>> write(List<List<Draft>> messages) {
        Instant at = stamp();
        List<ArchiveStore.Append> appends = new ArrayList<>();
        for (List<Draft> drafts : messages) {
            for (Draft d : drafts) {
                appends.add(new ArchiveStore.Append(d.owner(), d.with(), d.withResource(), d.outgoing(), at,
                        d.stanza()));
            }
        }
        List<Long> ids = store.appendAll(appends, maxPerUser);
        batches.incrementAndGet();
        rows.addAndGet(appends.size());
        List<List<Long>> perMessage = new ArrayList<>(messages.size());
        int i = 0;
        for (List<Draft> drafts : messages) {
            perMessage.add(List.copyOf(ids.subList(i, i + drafts.size())));
            i += drafts.size();
        }
        return perMessage;
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
