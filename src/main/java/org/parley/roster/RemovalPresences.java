package org.parley.roster;

import java.util.List;

/**
 * Sends the presence stanzas a roster removal calls for (RFC 6121 §2.5.2): the roster handler knows which
 * ({@link RosterSetResult.Removed#presences()}), the presence layer knows how to process and route them. Wired by the
 * composition root, which keeps {@code roster} free of a dependency on {@code presence}.
 */
@FunctionalInterface
public interface RemovalPresences {

    /** Processes and routes {@code presences}, in order, after the item was removed. */
    void send(List<OutboundPresence> presences);
}
