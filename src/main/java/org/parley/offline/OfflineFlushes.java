package org.parley.offline;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.xmpp.BareJid;

/**
 * Who is flushing whose offline messages right now: at most one thread per user drains that user's offline queue,
 * and while it does, new messages for the resource it drains to join the queue behind the stored ones instead of
 * overtaking them (XEP-0160: stored messages first).
 *
 * <p>The argument, in full. (1) A sign-on {@link #request requests} a flush <em>before</em> its resource becomes
 * available, so no sender can see the resource available without also seeing the flush in progress. (2) While a flush
 * is in progress for a user, a message the router would deliver to the resource being flushed to is stored, and the
 * sender then requests a flush itself. (3) A request made while a flush is in progress marks it to run once more
 * (and keeps it "in progress"); a request made when none is in progress makes the caller the flusher. (4) The
 * flusher {@link #finish finishes} only when no request came since its last read of the queue; the entry is
 * removed in the same atomic step. A flusher asked to run again that has no resource left drains to the one the
 * latest request named (a sign-on's, not yet available, or the one a storing sender saw). So every stored message
 * is read by a flush that starts after it was stored, while its resource is available, and a sender's later messages
 * cannot overtake its earlier stored ones: as long as the flush that will carry them is in progress, they are stored
 * too.
 *
 * <p>State changes are atomic per user ({@link ConcurrentHashMap#compute}) and do no I/O; the database work (read,
 * write to the session, delete) is the flusher's, on its own thread, outside any lock. An entry exists only while a
 * flush runs.
 */
public final class OfflineFlushes {

    private final ConcurrentHashMap<BareJid, Flush> active = new ConcurrentHashMap<>();

    /** One user's flush in progress: the resource it drains to, and whether it must read the queue once more. */
    private static final class Flush {
        private volatile String resource;
        /** Only read and written inside {@code compute}, under the map's lock for the user. */
        private boolean again;
        /** The resource the latest request since the last read named; inside {@code compute} only, like again. */
        private String asked;

        Flush(String resource) {
            this.resource = resource;
        }
    }

    /**
     * Asks for {@code user}'s offline queue to be drained to {@code resource}.
     *
     * @return true if the caller is now the flusher and must run the flush (and end it with {@link #finish}, in a
     *     {@code finally}); false if a flush in progress will read the queue again
     */
    public boolean request(BareJid user, String resource) {
        boolean[] mine = {false};
        active.compute(user, (jid, flush) -> {
            if (flush == null) {
                mine[0] = true;
                return new Flush(resource);
            }
            flush.again = true;
            flush.asked = resource;
            return flush;
        });
        return mine[0];
    }

    /**
     * The flusher read an empty queue, or found no resource that could take the messages: ends the flush unless a
     * request came since (whoever requested saw a resource available after storing, so reading again finds it).
     *
     * @param retarget the resource to drain to from now on when it runs again (its old one went away), or null when
     *     the flusher found none: then it drains to the resource the latest request named (a sign-on requests
     *     before its resource is available, so the flusher cannot see it yet; see {@link #inProgress})
     * @return true if it must read the queue once more; false if the flush has ended
     */
    public boolean finish(BareJid user, String retarget) {
        boolean[] again = {false};
        active.computeIfPresent(user, (jid, flush) -> {
            if (!flush.again) {
                return null;
            }
            flush.again = false;
            String next = retarget != null ? retarget : flush.asked;
            if (next != null) {
                flush.resource = next;
            }
            flush.asked = null;
            again[0] = true;
            return flush;
        });
        return again[0];
    }

    /** The resource {@code user}'s flush in progress drains to, if one is in progress. */
    public Optional<String> inProgress(BareJid user) {
        Flush flush = active.get(user);
        return flush == null ? Optional.empty() : Optional.of(flush.resource);
    }
}
