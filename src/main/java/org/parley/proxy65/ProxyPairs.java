package org.parley.proxy65;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which SOCKS5 connections wait for which stream, and the XEP-0065 §6.3.5 activation rules. One entry per stream
 * hash: a first connection (normally the target's), a second one (the requester's), then activation, after which
 * the proxy relays between the two. A hash can be used once: a third connection, a second activation, or a new
 * connection with a hash that was already activated is refused, so nobody can join or replay a stream.
 *
 * <p>Thread-safe: connections arrive on I/O threads, activations on stanza-processing threads. Pure logic; the
 * connection type {@code C} is whatever the transport uses to name a connection.
 *
 * @param <C> a connection, compared by identity
 */
public final class ProxyPairs<C> {

    /** How many activated hashes are remembered so that they cannot be used again after their stream ended. */
    static final int USED_HASHES_REMEMBERED = 10_000;

    /** The outcome of a CONNECT request. */
    public enum Connect {
        /** the first connection for this hash; it waits for the other party */
        FIRST,
        /** the second connection; the stream can now be activated */
        SECOND,
        /** the hash already has two connections or was activated: refused */
        IN_USE,
        /** {@code maxPairs} streams exist already: refused */
        FULL
    }

    /** The outcome of an activation request. */
    public sealed interface Activation<C> permits Activated, NotFound, OnlyOneConnected {}

    /** Both connections are now paired; the transport starts relaying between them. */
    public record Activated<C>(C first, C second) implements Activation<C> {}

    /** No waiting connection has this hash (wrong SID, wrong target, not the requester, or already activated). */
    public record NotFound<C>() implements Activation<C> {}

    /** Only one of the two parties is connected (§6.3.5: {@code not-allowed}). */
    public record OnlyOneConnected<C>() implements Activation<C> {}

    private static final class Entry<C> {
        C first;
        C second;
        boolean active;
    }

    private final int maxPairs;
    private final Map<String, Entry<C>> streams = new HashMap<>();
    private final Map<String, Boolean> used = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > USED_HASHES_REMEMBERED;
        }
    };

    /** @param maxPairs streams (waiting or active) that may exist at once */
    public ProxyPairs(int maxPairs) {
        if (maxPairs < 1) {
            throw new IllegalArgumentException("maxPairs must be positive, was " + maxPairs);
        }
        this.maxPairs = maxPairs;
    }

    /** A connection sent a CONNECT request for {@code hash}. */
    public synchronized Connect connect(String hash, C connection) {
        Entry<C> entry = streams.get(hash);
        if (entry == null) {
            if (used.containsKey(hash)) {
                return Connect.IN_USE;
            }
            if (streams.size() >= maxPairs) {
                return Connect.FULL;
            }
            entry = new Entry<>();
            entry.first = connection;
            streams.put(hash, entry);
            return Connect.FIRST;
        }
        if (entry.active || entry.second != null) {
            return Connect.IN_USE;
        }
        entry.second = connection;
        return Connect.SECOND;
    }

    /** The requester asked to activate the stream with this hash (recomputed from the stanza, §6.3.5). */
    public synchronized Activation<C> activate(String hash) {
        Entry<C> entry = streams.get(hash);
        if (entry == null || entry.active) {
            return new NotFound<>();
        }
        if (entry.second == null) {
            return new OnlyOneConnected<>();
        }
        entry.active = true;
        used.put(hash, Boolean.TRUE);
        return new Activated<>(entry.first, entry.second);
    }

    /**
     * A connection closed (or was closed for its timeout). Returns the other side of an activated stream, which
     * the transport closes too; a waiting party stays until its own timeout, since the other may still reconnect.
     */
    public synchronized Optional<C> closed(String hash, C connection) {
        Entry<C> entry = streams.get(hash);
        if (entry == null || (entry.first != connection && entry.second != connection)) {
            return Optional.empty();
        }
        if (entry.active) {
            streams.remove(hash);
            return Optional.of(entry.first == connection ? entry.second : entry.first);
        }
        if (entry.first == connection) {
            entry.first = entry.second;
        }
        entry.second = null;
        if (entry.first == null) {
            streams.remove(hash);
        }
        return Optional.empty();
    }

    /** Whether the stream this connection belongs to has been activated. */
    public synchronized boolean isActive(String hash) {
        Entry<C> entry = streams.get(hash);
        return entry != null && entry.active;
    }

    /** Streams that exist now, waiting or active. */
    public synchronized int size() {
        return streams.size();
    }
}
