package org.parley.csi;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.xmpp.BareJid;

/**
 * The client state of every resource that said {@code <inactive/>} (XEP-0352 §4.2); a resource not here is active,
 * as every stream is at its start (§5: "The server MUST assume all clients to be in the 'active' state until the
 * client indicates otherwise"). The state changes only on the resource's own processing thread; {@link #offer} is
 * called on every sender's thread. See {@link ClientState} for the lock and the order it keeps.
 *
 * @param <T> the stanza type
 */
public final class ClientStates<T> {

    private final int maxHeld;
    private final Map<Key, ClientState<T>> inactive = new ConcurrentHashMap<>();

    /** @param maxHeld stanzas held per resource at most ({@code csi.max_held}); one more flushes them all */
    public ClientStates(int maxHeld) {
        if (maxHeld < 1) {
            throw new IllegalArgumentException("maxHeld must be at least 1: " + maxHeld);
        }
        this.maxHeld = maxHeld;
    }

    /** {@code <inactive/>}: from now on, what is not urgent waits. Repeating it changes nothing. */
    public void inactive(BareJid user, String resource) {
        inactive.computeIfAbsent(new Key(user, resource), k -> new ClientState<>(maxHeld));
    }

    /**
     * {@code <active/>}: what was held is written with {@code out}, in order, before this returns (XEP-0352 §5.1:
     * before anything the client sends next is answered); nothing waits from now on.
     *
     * @return how many stanzas were written
     */
    public int active(BareJid user, String resource, Output<T> out) {
        Key key = new Key(user, resource);
        ClientState<T> state = inactive.get(key);
        if (state == null) {
            return 0;
        }
        // flushed and retired before it leaves the map, so no stanza can pass it while it still holds some
        int written = state.activate(out);
        inactive.remove(key, state);
        return written;
    }

    /** Whether {@code resource} of {@code user} said it is inactive (a quick check before {@link #offer}). */
    public boolean isInactive(BareJid user, String resource) {
        return inactive.containsKey(new Key(user, resource));
    }

    /**
     * {@code stanza}, of {@code rule}, is about to be written to {@code resource} of {@code user}.
     *
     * @return true when the caller writes it (the resource is active, or the stanza is urgent and what was held
     *     before it has been written with {@code out}); false when it was held, or written with {@code out} in a
     *     flush at the bound
     */
    public boolean offer(BareJid user, String resource, Urgency rule, String key, T stanza,
            Output<T> out) {
        ClientState<T> state = inactive.get(new Key(user, resource));
        return state == null || state.offer(rule, stanza, key, out);
    }

    /**
     * The session of {@code resource} ended: what it held is dropped. A session kept for stream management
     * (XEP-0198) resumption has not ended; XEP-0352 (§5.2 since 0.2.1) has a resumed stream start active, which is
     * {@link #active} called on resumption.
     *
     * @return how many stanzas were dropped
     */
    public int ended(BareJid user, String resource) {
        ClientState<T> state = inactive.remove(new Key(user, resource));
        return state == null ? 0 : state.end();
    }

    /** Stanzas held for {@code resource} of {@code user} now. */
    public int held(BareJid user, String resource) {
        ClientState<T> state = inactive.get(new Key(user, resource));
        return state == null ? 0 : state.size();
    }

    /** A write past the hooks into one resource's session. */
    @FunctionalInterface
    public interface Output<T> {
        /** @return whether {@code stanza} is in the session's write queue */
        boolean write(T stanza);
    }

    private record Key(BareJid user, String resource) {
        Key {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(resource, "resource");
        }
    }
}
