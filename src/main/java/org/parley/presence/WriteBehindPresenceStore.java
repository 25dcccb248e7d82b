package org.parley.presence;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.parley.xmpp.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the online/offline bookkeeping of {@link PresenceStore} off the session threads: {@link #online} and
 * {@link #offline} queue the write and return, and one writer thread applies whatever has queued up in one
 * transaction ({@link PresenceStore#write}), so a login storm costs one commit per batch instead of one per
 * login and one per logout (ADR 0014). With no load a batch is a single write, applied at once: there is no timer
 * and no added delay.
 *
 * <p>What a reader sees: {@link #last} and {@link #online()} first apply the queued writes that concern them, so
 * this process always reads its own writes. Another process (the admin CLI) sees the writes once they are applied,
 * normally within milliseconds. A {@code kill -9} loses the writes still queued, which is harmless for the online
 * list (a new server clears it) and loses at most that many last-unavailable presences; these are the server's own
 * records, not something a user made, which is why this store may do what the roster and offline stores must not.
 *
 * <p>Bounded: at most {@code capacity} writes wait; a caller that finds the queue full applies the queue itself
 * before adding its own, so memory stays bounded and no write is ever dropped. Writes keep their order, which
 * {@link PresenceStore#offline} depends on (whether a resource was the user's last).
 */
public final class WriteBehindPresenceStore implements PresenceStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindPresenceStore.class);

    private final PresenceStore delegate;
    private final int capacity;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the writes not yet handed to the delegate, oldest first. */
    private final ArrayDeque<PresenceWrite> queue = new ArrayDeque<>();
    /** Guarded by {@link #lock}: how many queued writes each user has, so a read flushes only when it must. */
    private final Map<BareJid, Integer> queuedPerUser = new HashMap<>();
    /** Held while a batch is being applied, so batches reach the delegate one at a time and in order. */
    private final Object applying = new Object();
    private final Thread writer;
    private boolean closed;

    /**
     * Starts the writer thread.
     *
     * @param delegate the durable store
     * @param capacity the most writes that may wait, at least 1
     */
    public WriteBehindPresenceStore(PresenceStore delegate, int capacity) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (capacity < 1) {
            throw new IllegalArgumentException("the capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.writer = new Thread(this::drainLoop, "parley-presence-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void serverStarted(long pid, Instant at) {
        flush();
        delegate.serverStarted(pid, at);
    }

    @Override
    public OptionalLong serverPid() {
        return delegate.serverPid();
    }

    @Override
    public void online(BareJid user, String resource, Instant since) {
        enqueue(new PresenceWrite.Online(user, resource, since));
    }

    @Override
    public void offline(BareJid user, String resource, String unavailableStanza, Instant at) {
        enqueue(new PresenceWrite.Offline(user, resource, unavailableStanza, at));
    }

    @Override
    public List<OnlineResource> online() {
        flush();
        return delegate.online();
    }

    @Override
    public Optional<LastPresence> last(BareJid user) {
        Objects.requireNonNull(user, "user");
        boolean queued;
        synchronized (lock) {
            queued = queuedPerUser.containsKey(user);
        }
        if (queued) {
            flush();
        }
        return delegate.last(user);
    }

    @Override
    public void write(List<PresenceWrite> writes) {
        writes.forEach(this::enqueue);
    }

    /** Applies every queued write before it returns (the writes queued by then, at least). */
    public void flush() {
        while (applyBatch()) {
            // until the queue is empty
        }
    }

    /** Applies what is queued and stops the writer; later writes go straight to the delegate. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void enqueue(PresenceWrite write) {
        Objects.requireNonNull(write, "write");
        boolean full;
        synchronized (lock) {
            if (!closed && queue.size() < capacity) {
                queue.addLast(write);
                queuedPerUser.merge(write.user(), 1, Integer::sum);
                lock.notifyAll();
                return;
            }
            full = !closed; // once closed, writes go straight to the delegate
        }
        if (full) {
            flush(); // back-pressure: the caller pays for the backlog instead of memory growing
        }
        synchronized (applying) {
            delegate.write(List.of(write));
        }
    }

    private void drainLoop() {
        while (true) {
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return; // closed and drained
                }
            }
            applyBatch();
        }
    }

    /** Takes everything queued and applies it; false when there was nothing. */
    private boolean applyBatch() {
        synchronized (applying) {
            List<PresenceWrite> batch;
            synchronized (lock) {
                if (queue.isEmpty()) {
                    return false;
                }
                batch = new ArrayList<>(queue);
                queue.clear();
            }
            try {
                applyAll(batch);
            } finally {
                synchronized (lock) {
                    for (PresenceWrite write : batch) {
                        queuedPerUser.computeIfPresent(write.user(), (user, n) -> n == 1 ? null : n - 1);
                    }
                }
            }
            return true;
        }
    }

    /**
     * One transaction for the batch; if it fails (say, one account was deleted meanwhile), each write again on its
     * own, so one bad write does not take the others with it.
     */
    private void applyAll(List<PresenceWrite> batch) {
        try {
            delegate.write(batch);
            return;
        } catch (RuntimeException e) { // the store's StorageException, or a refused argument
            if (batch.size() == 1) {
                LOG.warn("could not record a presence change of {}: {}", batch.get(0).user(), e.getMessage());
                return;
            }
        }
        for (PresenceWrite write : batch) {
            try {
                delegate.write(List.of(write));
            } catch (RuntimeException e) { // the store's StorageException, or a refused argument
                LOG.warn("could not record a presence change of {}: {}", write.user(), e.getMessage());
            }
        }
    }
}
