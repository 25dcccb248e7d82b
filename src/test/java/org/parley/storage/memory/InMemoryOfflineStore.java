package org.parley.storage.memory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.offline.OfflineMessage;
import org.parley.offline.OfflineQuota;
import org.parley.offline.OfflineStore;
import org.parley.xmpp.BareJid;

/**
 * {@link OfflineStore} in memory: one queue per owner, each guarded by its own monitor, which plays the part of the
 * H2 store's account-row lock (quota check and append are one step per owner; owners do not wait for each other).
 * Ids come from one counter and are drawn under the owner's monitor, so they rise with arrival within each owner,
 * as H2's identity column does.
 *
 * <p>An owner's queue object stays in the map once created, even when emptied: removing it safely would need a
 * second lock, and a fake used in tests and throw-away servers does not hold enough owners for it to matter.
 */
public final class InMemoryOfflineStore implements OfflineStore {

    private final ConcurrentMap<BareJid, Queue> queues = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();

    @Override
    public StoreResult store(BareJid owner, String from, String stanza, Instant receivedAt, OfflineQuota quota) {
        Objects.requireNonNull(owner, "owner");
        OfflineMessage.requireContent(from, stanza);
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(quota, "quota");
        return queue(owner).store(owner, from, stanza, receivedAt, quota, lastId);
    }

    @Override
    public List<OfflineMessage> peek(BareJid owner, int limit) {
        Objects.requireNonNull(owner, "owner");
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, was " + limit);
        }
        Queue queue = queues.get(owner);
        return queue == null ? List.of() : queue.peek(limit);
    }

    @Override
    public int delete(BareJid owner, long upToIdInclusive) {
        Queue queue = queues.get(Objects.requireNonNull(owner, "owner"));
        return queue == null ? 0 : queue.delete(upToIdInclusive);
    }

    @Override
    public long count(BareJid owner) {
        Queue queue = queues.get(Objects.requireNonNull(owner, "owner"));
        return queue == null ? 0 : queue.count();
    }

    @Override
    public long bytes(BareJid owner) {
        Queue queue = queues.get(Objects.requireNonNull(owner, "owner"));
        return queue == null ? 0 : queue.bytes();
    }

    private Queue queue(BareJid owner) {
        return queues.computeIfAbsent(owner, k -> new Queue());
    }

    /** A stored message with its size, so that removing it does not measure the stanza again. */
    private record Held(OfflineMessage message, long size) {}

    /** One owner's messages, oldest first; every method holds the monitor. */
    private static final class Queue {
        private final ArrayDeque<Held> messages = new ArrayDeque<>();
        private long bytes;

        synchronized StoreResult store(BareJid owner, String from, String stanza, Instant receivedAt,
                OfflineQuota quota, AtomicLong lastId) {
            long size = OfflineQuota.sizeOf(stanza);
            if (size > Integer.MAX_VALUE || !quota.admits(messages.size(), bytes, size)) {
                return new OverQuota(); // the size limit keeps the H2 store's INTEGER column's behaviour
            }
            long id = lastId.incrementAndGet();
            messages.addLast(new Held(new OfflineMessage(id, owner, from, stanza, receivedAt), size));
            bytes += size;
            return new Stored(id);
        }

        synchronized List<OfflineMessage> peek(int limit) {
            List<OfflineMessage> oldest = new ArrayList<>(Math.min(limit, messages.size()));
            for (Held held : messages) {
                if (oldest.size() == limit) {
                    break;
                }
                oldest.add(held.message());
            }
            return List.copyOf(oldest);
        }

        synchronized int delete(long upToIdInclusive) {
            int deleted = 0;
            // Ids rise from head to tail, so the delivered messages are a prefix of the queue.
            while (!messages.isEmpty() && messages.peekFirst().message().id() <= upToIdInclusive) {
                bytes -= messages.removeFirst().size();
                deleted++;
            }
            return deleted;
        }

        synchronized long count() {
            return messages.size();
        }

        synchronized long bytes() {
            return bytes;
        }
    }
}
