package org.parley.streammgmt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The resumable sessions of the server by resumption id, attached (a connection serves them) or detached (their
 * connection dropped; they wait for a {@code <resume/>}), and the bounds on the detached ones: at most
 * {@code maxPerAccount} per account and {@code maxTotal} on the server. Over a bound the session detached longest
 * ago is evicted (its caller ends it), never the one just detached: a client that reconnects is more likely to
 * resume its newest session. Also remembers the final {@code h} of the last sessions that ended, for the
 * {@code <failed h=…/>} of a late resume (XEP-0198 §5).
 *
 * <p>A lookup table only: whether a session can still be resumed is decided by the session itself, under its own
 * lock, so this lock is never held while a session's is taken (see docs/adr/0021). Thread-safe.
 *
 * @param <S> the session type
 */
public final class ResumableSessions<S> {

    private record Slot<S>(String account, S session, Instant detachedAt) {}

    private record Ended(String account, long h) {}

    private final int maxPerAccount;
    private final int maxTotal;
    private final Map<String, Slot<S>> slots = new LinkedHashMap<>();
    private final LinkedHashMap<String, Ended> ended;

    public ResumableSessions(int maxPerAccount, int maxTotal) {
        this.maxPerAccount = maxPerAccount;
        this.maxTotal = maxTotal;
        int remembered = maxTotal;
        this.ended = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Ended> eldest) {
                return size() > remembered;
            }
        };
    }

    /** A session enabled resumption: it can be found by {@code id} from now on. */
    public synchronized void register(String id, String account, S session) {
        slots.put(id, new Slot<>(account, Objects.requireNonNull(session, "session"), null));
    }

    /**
     * The session's connection dropped: it now waits. Returns the sessions to end because of the bounds (never this
     * one), already taken out of the table.
     */
    public synchronized List<S> detached(String id, Instant now) {
        Slot<S> slot = slots.get(id);
        if (slot == null) {
            return List.of();
        }
        slots.put(id, new Slot<>(slot.account(), slot.session(), now));
        List<S> evicted = new ArrayList<>();
        while (count(slot.account()) > maxPerAccount) {
            evicted.add(evictOldest(slot.account(), id));
        }
        while (count(null) > maxTotal) {
            evicted.add(evictOldest(null, id));
        }
        return evicted;
    }

    /** The session was resumed on a new connection: it is attached again. */
    public synchronized void attached(String id) {
        slots.computeIfPresent(id, (k, slot) -> new Slot<>(slot.account(), slot.session(), null));
    }

    /** The session {@code id} of {@code account}, if it is still here; another account's id finds nothing. */
    public synchronized Optional<S> find(String id, String account) {
        Slot<S> slot = slots.get(id);
        return slot == null || !slot.account().equals(account) ? Optional.empty() : Optional.of(slot.session());
    }

    /** The session ended for good with {@code h} stanzas handled: it is forgotten, its {@code h} remembered. */
    public synchronized void ended(String id, String account, long h) {
        slots.remove(id);
        ended.put(id, new Ended(account, h));
    }

    /** The last {@code h} of an ended session of {@code account}, if still remembered. */
    public synchronized OptionalLong endedH(String id, String account) {
        Ended e = ended.get(id);
        return e == null || !e.account().equals(account) ? OptionalLong.empty() : OptionalLong.of(e.h());
    }

    /** The detached sessions, taken out of the table (server shutdown). */
    public synchronized List<S> takeDetached() {
        List<S> taken = new ArrayList<>();
        for (Iterator<Slot<S>> it = slots.values().iterator(); it.hasNext(); ) {
            Slot<S> slot = it.next();
            if (slot.detachedAt() != null) {
                taken.add(slot.session());
                it.remove();
            }
        }
        return taken;
    }

    /** Detached sessions now waiting. */
    public synchronized int detachedCount() {
        return count(null);
    }

    private int count(String account) {
        int n = 0;
        for (Slot<S> slot : slots.values()) {
            if (slot.detachedAt() != null && (account == null || slot.account().equals(account))) {
                n++;
            }
        }
        return n;
    }

    private S evictOldest(String account, String keep) {
        String oldest = null;
        Instant oldestAt = null;
        for (Map.Entry<String, Slot<S>> e : slots.entrySet()) {
            Slot<S> slot = e.getValue();
            if (slot.detachedAt() == null || e.getKey().equals(keep)
                    || (account != null && !slot.account().equals(account))) {
                continue;
            }
            if (oldestAt == null || slot.detachedAt().isBefore(oldestAt)) {
                oldest = e.getKey();
                oldestAt = slot.detachedAt();
            }
        }
        if (oldest == null) {
            throw new IllegalStateException("over the bound with nothing to evict");
        }
        return slots.remove(oldest).session();
    }
}
