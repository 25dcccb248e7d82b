package org.parley.streammgmt;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stanzas one side has sent on a managed stream and the peer has not acknowledged yet (XEP-0198 §4), in send
 * order, with the counter of stanzas sent. An {@code <a h='n'/>} from the peer says it handled everything up to the
 * n-th stanza, so the entries up to it are dropped; an {@code h} ahead of what was sent is refused
 * ({@link TooHigh}) and changes nothing. Not thread-safe: its owner serialises access (a client session keeps it under
 * its write lock).
 *
 * @param <T> the stanza type
 */
public final class UnackedQueue<T> {

    /** One stanza sent and not acknowledged: its sequence number (1 for the first after enabling), and when. */
    public record Entry<T>(long sequence, T stanza, Instant queuedAt) {}

    /** What an acknowledgement did. */
    public sealed interface AckResult<T> permits Acked, TooHigh {}

    /** The stanzas the acknowledgement covered, now dropped, in send order. */
    public record Acked<T>(List<T> dropped) implements AckResult<T> {}

    /**
     * The peer claims to have handled more than was sent (XEP-0198 §4, {@code handled-count-too-high}).
     *
     * @param h the value received
     * @param sent the number of stanzas sent (modulo 2^32)
     */
    public record TooHigh<T>(long h, long sent) implements AckResult<T> {}

    private final ArrayDeque<Entry<T>> entries = new ArrayDeque<>();
    /** Stanzas sent so far, modulo 2^32: the sequence number of the last one. */
    private long sent;
    /** The last {@code h} the peer acknowledged. */
    private long acked;

    /** Appends a stanza being sent; returns its sequence number. */
    public long add(T stanza, Instant now) {
        sent = Counter32.next(sent);
        entries.addLast(new Entry<>(sent, Objects.requireNonNull(stanza, "stanza"), now));
        return sent;
    }

    /** Processes an acknowledgement {@code h} (already parsed as an unsigned 32-bit value). */
    public AckResult<T> ack(long h) {
        long covered = Counter32.distance(acked, h);
        if (covered > entries.size()) {
            return new TooHigh<>(h, sent);
        }
        List<T> dropped = new ArrayList<>((int) covered);
        for (long i = 0; i < covered; i++) {
            dropped.add(entries.pollFirst().stanza());
        }
        acked = h;
        return new Acked<>(dropped);
    }

    /** Stanzas sent and not acknowledged. */
    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Stanzas sent so far, modulo 2^32 (what {@code h} may be at most). */
    public long sent() {
        return sent;
    }

    /** The last acknowledged count. */
    public long acked() {
        return acked;
    }

    /** The unacknowledged entries, oldest first, still in the queue (to send them again after a resumption). */
    public List<Entry<T>> pending() {
        return List.copyOf(entries);
    }

    /** Takes every unacknowledged entry out, oldest first: the session ends and they go elsewhere. */
    public List<Entry<T>> drain() {
        List<Entry<T>> all = List.copyOf(entries);
        entries.clear();
        acked = sent;
        return all;
    }

    /** For tests of the wrap: a queue whose counters start at {@code start} instead of 0. */
    static <T> UnackedQueue<T> startingAt(long start) {
        UnackedQueue<T> queue = new UnackedQueue<>();
        queue.sent = start & Counter32.MAX;
        queue.acked = queue.sent;
        return queue;
    }
}
