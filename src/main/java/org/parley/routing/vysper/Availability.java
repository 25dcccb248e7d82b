package org.parley.routing.vysper;

import java.util.List;
import org.parley.xmpp.BareJid;

/** Which resources of a user are available now, with their priorities (RFC 6121 §4.7.2.3): for listeners. */
@FunctionalInterface
public interface Availability {

    /** An available resource and its presence priority. */
    record Resource(String name, int priority) {}

    /** The user's available resources, in no particular order. */
    List<Resource> available(BareJid user);
}
