package org.parley.csi;

import java.util.List;

/**
 * One inactive resource: its held stanzas and the lock that orders them against everything else written to it.
 *
 * <p>Every sender's thread that writes to this resource passes through here (ADR 0016), so the lock is taken by many
 * threads. It is held while a flush hands the held stanzas to the session's write queue: were it released before,
 * a later urgent stanza from one of their senders could be written by that sender's thread between the drain and the
 * writes and overtake them (RFC 6120 §10.1 order per sender). The write only queues the stanza with the session (MINA
 * writes asynchronously; it waits for no socket), and the session serialises its writes on its own monitor anyway,
 * so a flush holds this lock no longer than writing the same stanzas unheld would hold the session's. The order of
 * locks is always this one, then the session's; nothing holding the session's calls back into the hooks. An urgent
 * stanza is not written under this lock but by the router after {@link #offer} returns: everything its sender had
 * held here is already in the write queue then, and stanzas of other senders may come in either order.
 *
 * @param <T> the stanza type
 */
final class ClientState<T> {

    private final HeldStanzas<T> held;
    /** Active again or ended: nothing is held any more, everything passes (a late caller may still hold this). */
    private boolean retired;

    ClientState(int maxHeld) {
        this.held = new HeldStanzas<>(maxHeld);
    }

    /**
     * {@code stanza} is about to be written: held (possibly replacing an older one), or let through after what was
     * held before it has been written with {@code out}.
     *
     * @return true when the caller writes {@code stanza} itself; false when it was held or written with {@code out}
     */
    synchronized boolean offer(Urgency rule, T stanza, String key, ClientStates.Output<T> out) {
        if (retired) {
            return true;
        }
        if (rule.urgent()) {
            flush(out);
            return true;
        }
        if (held.hold(key, stanza)) {
            flush(out); // over csi.max_held: everything goes, this one last
        }
        return false;
    }

    /** The client is active again: everything held is written with {@code out}, in order; nothing is held after. */
    synchronized int activate(ClientStates.Output<T> out) {
        retired = true;
        return flush(out);
    }

    /** The session ended: what was held is dropped (presence and chat states are stale for its next session). */
    synchronized int end() {
        retired = true;
        return held.drain().size();
    }

    synchronized int size() {
        return held.size();
    }

    /** Writes everything held, oldest first; stops when the session no longer takes anything. */
    private int flush(ClientStates.Output<T> out) {
        List<T> all = held.drain();
        int written = 0;
        for (T stanza : all) {
            if (!out.write(stanza)) {
                break; // the session is gone or ending: the rest would not arrive either
            }
            written++;
        }
        return written;
    }
}
