package org.parley.routing.vysper;

import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.xmpp.BareJid;

/**
 * The router's write into one resource's session, past the hooks: for a listener's own writes (the offline flush),
 * which must not meet the listener again.
 */
@FunctionalInterface
public interface SessionWriter {

    /** @return whether {@code stanza} is in that session's write queue (false: gone, ending, or over its bound) */
    boolean write(BareJid user, String resource, Stanza stanza);
}
