package org.parley.roster;

import java.util.List;

/**
 * Sends the presence stanzas a roster removal calls for (RFC 6121 §2.5.2): the roster handler knows which
 * ({@link RosterSetResult.Removed#presences()}), the presence layer knows how to process and route them. Wired by the
 * composition root, which keeps {@code roster} free of a dependency on {@code presence}.
 */
@FunctionalInterface
public interface RemovalPresences {

    /**
     * Processes and routes {@code presences}, in order, after the item was removed, then runs {@code afterDelivery}
     * once they have reached the contacts' sessions: the roster handler answers the removal only then, so a client
     * that continues after the result (as Smack's integration tests do) never sees the presences of a removal it has
     * already moved past, just as on a server that delivers locally in one step (Prosody).
     */
    void send(List<OutboundPresence> presences, Runnable afterDelivery);
}
