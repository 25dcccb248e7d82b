package org.parley.routing.vysper;

import java.util.List;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.xmpp.BareJid;

/**
 * A feature's view of the message path. Every method has a default that does nothing, so a feature implements only
 * what it needs. All are called on the thread that processes the stanza's sender (or, for presence and session
 * events, the session concerned), in the order the listeners were registered, so a listener sees one sender's
 * stanzas in order; none may block on another user's work. They must not throw: a listener that does is logged and
 * skipped.
 */
public interface RoutingListener {

    /** What a listener did with a message nobody can take now ({@link #undeliverable}). */
    enum Undeliverable {
        /** Not mine: the next listener decides; if none takes it, the sender gets {@code service-unavailable}. */
        PASS,
        /** Kept for later (offline storage): durable when this returns. */
        STORED,
        /** Refused (over a quota): the sender gets {@code service-unavailable}. */
        REFUSED
    }

    /**
     * A stanza arrived from a client's session, before any handler saw it.
     *
     * @return true if this listener dealt with it completely (no handler runs)
     */
    default boolean received(SessionContext session, Stanza stanza) {
        return false;
    }

    /**
     * {@code stanza} is about to be routed to {@code user} by RFC 6121 §8.5 (addressed to {@code resource}, or to
     * the bare JID when it is null), before the router chooses a session, stores it or bounces it. Not called for
     * the server's own writes to one session ({@code deliverTo}, {@code writeDirect}). The archive stamps and keeps
     * messages here, so what offline storage and every resource get carries the archive's id.
     *
     * <p>Unlike the other hooks, an unchecked exception thrown here (a storage failure) reaches the router, which
     * answers the sender with {@code internal-server-error}: a message that must be durable is not delivered when
     * it could not be kept.
     *
     * @return the stanza to route (this one or a changed copy), or null when this listener took it completely
     */
    default Stanza routing(BareJid user, String resource, Stanza stanza) {
        return stanza;
    }

    /**
     * {@code stanza}, routed to {@code user} by §8.5 (addressed to {@code resource}, null for the bare JID), is in
     * the write queue of each of {@code resources} (one or more; a listener may have held it back for one). Message
     * carbons copy it to the user's other resources from here.
     */
    default void routed(BareJid user, String resource, Stanza stanza, List<String> resources) {}

    /**
     * {@code stanza} is about to be written to {@code resource} of {@code user}, routed there by RFC 6121 §8.5 or
     * sent there by the server (presence, roster pushes).
     *
     * @return the stanza to write (this one, or a changed copy), or null when this listener held it back or stopped
     *     it (then it counts as delivered to that resource, and the listener answers for it). A listener may also
     *     deliver copies elsewhere through the router.
     */
    default Stanza beforeDelivery(BareJid user, String resource, Stanza stanza) {
        return stanza;
    }

    /** {@code stanza} is in the write queue of {@code resource} of {@code user}. */
    default void delivered(BareJid user, String resource, Stanza stanza) {}

    /** A message for {@code user}, who has no resource that takes it now (RFC 6121 §8.5.2.2.1, §8.5.3.2.1). */
    default Undeliverable undeliverable(BareJid user, Stanza stanza) {
        return Undeliverable.PASS;
    }

    /** A listener stored {@code stanza} for {@code user} ({@link Undeliverable#STORED}). */
    default void storedOffline(BareJid user, Stanza stanza) {}

    /** {@code original} was answered with {@code error} (not delivered). */
    default void bounced(Stanza original, Stanza error) {}

    /**
     * {@code resource} of {@code user} sent its initial presence with {@code priority} and is about to become
     * available: nothing routed to it yet. Return true to be called back with {@link #available} on this thread
     * with {@code owed} set, whatever happens in between (offline storage asks for its flush here).
     */
    default boolean beforeAvailable(BareJid user, String resource, int priority) {
        return false;
    }

    /**
     * {@code resource} of {@code user} sent available presence without 'to' (initial or subsequent), after its
     * broadcast; {@code owed} when this listener returned true from {@link #beforeAvailable} for it.
     */
    default void available(BareJid user, String resource, Stanza presence, boolean owed) {}

    /** {@code resource} of {@code user} went unavailable: it said so, or its session ended. */
    default void unavailable(BareJid user, String resource) {}

    /**
     * The session of {@code resource} of {@code user}, kept while its connection was lost, was resumed on a new
     * connection (XEP-0198); the stanzas it had not acknowledged were written again before this call. Features whose
     * state a resumption does not restore (XEP-0352 client state: a resumed stream starts active) reset it here.
     */
    default void resumed(BareJid user, String resource) {}

    /**
     * The session that bound {@code resource} of {@code user} has ended (after its {@link #unavailable}), however it
     * ended; called once per bound resource. Per-resource state (carbons, client state) is dropped here, not on
     * {@link #unavailable}, which a client that stays connected can also send. A session kept for stream
     * management resumption has not ended.
     */
    default void resourceEnded(BareJid user, String resource) {}

    /**
     * A client connection closed with messages it never wrote; {@code undelivered} are the messages it was given but never wrote to the
     * socket, which the router routes again after this call.
     */
    default void sessionEnded(SessionContext session, List<Stanza> undelivered) {}
}
