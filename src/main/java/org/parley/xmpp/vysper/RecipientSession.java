package org.parley.xmpp.vysper;

import java.util.List;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.Stanza;

/**
 * A client session as the router sees it: whether it can still receive, and a write that says whether the stanza
 * went out. One flag, changed at one moment (when the session starts to end, or the client stops reading), answers
 * "can this session still receive?" for every sender, so a stanza is either in this session's write queue or handed
 * back to the caller, never dropped in between.
 */
public interface RecipientSession {

    /**
     * Queues {@code stanza} for this session's client.
     *
     * @return true if it is in the session's write queue, ahead of the session's closing tag; false if the session
     *     has ended, is ending, stopped reading or is over its output bound: the caller routes it as undelivered
     */
    boolean deliver(Stanza stanza);

    /**
     * {@link #deliver} without the output bound, for a burst whose size is bounded elsewhere: the offline flush
     * (at most {@code offline.max_bytes} per user), which a healthy client reads while it arrives.
     */
    boolean deliverUnbounded(Stanza stanza);

    /** {@link #deliver} on any session: Vysper's own sessions (handler tests) always take the stanza. */
    static boolean deliver(SessionContext session, Stanza stanza) {
        return deliver(session, stanza, true);
    }

    /** {@link #deliver} or, with {@code bounded} false, {@link #deliverUnbounded}, on any session. */
    static boolean deliver(SessionContext session, Stanza stanza, boolean bounded) {
        if (session instanceof RecipientSession recipient) {
            return bounded ? recipient.deliver(stanza) : recipient.deliverUnbounded(stanza);
        }
        session.getResponseWriter().write(stanza);
        return true;
    }

    /** Whether {@code session} can still receive (see {@link #deliver}). */
    static boolean canReceive(SessionContext session) {
        return !(session instanceof RecipientSession recipient) || recipient.canReceive();
    }

    /** Whether a stanza given to {@link #deliver} now would go out. */
    boolean canReceive();

    /**
     * What a session hands back when it ends: the messages that were queued for its client but never reached its
     * socket (the client disconnected, or stopped reading and was cut off). The router routes them again as if the
     * session had never been there, so they reach another resource or offline storage, or bounce.
     */
    @FunctionalInterface
    interface Undelivered {
        /** Routes {@code stanzas} (messages, in the order they were queued) again; {@code session} has ended. */
        void reroute(SessionContext session, List<Stanza> stanzas);
    }
}
