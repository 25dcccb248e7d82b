package org.parley.offline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.parley.commit.GroupCommit;
import org.parley.xmpp.BareJid;

/**
 * Group commit for offline messages: stores that arrive together, from many senders' processing threads, are
 * written in one transaction ({@link OfflineStore#storeAll}), and each caller returns only when its own message is
 * committed. A commit costs H2 about as much as 50 inserts, so under concurrent load this turns one commit per
 * message into one per batch, while "stored" still means "durable" for every caller (ADR 0016).
 *
 * <p>The batching is {@link GroupCommit}'s (no thread of its own; one caller's stores in its order, a batch in queue
 * order). Reads and deletes go straight to the delegate.
 */
public final class GroupCommitOfflineStore implements OfflineStore {

    private final OfflineStore delegate;
    private final GroupCommit<StoreRequest, StoreResult> commits;

    /** Batches of at most {@code maxBatch} stores over {@code delegate}. */
    public GroupCommitOfflineStore(OfflineStore delegate, int maxBatch) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        // NoSuchAccount is a result too: the account was deleted while its message was in flight; the caller
        // refuses it
        this.commits = new GroupCommit<>(maxBatch, request -> 1, delegate::storeAll,
                request -> "an offline message for " + request.owner());
    }

    @Override
    public StoreResult store(BareJid owner, String from, String stanza, Instant receivedAt, OfflineQuota quota) {
        OfflineMessage.requireContent(from, stanza); // bad input fails this caller only, never a batch
        return commits.submit(new StoreRequest(owner, from, stanza, receivedAt, quota));
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
