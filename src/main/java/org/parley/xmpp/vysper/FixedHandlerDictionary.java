package org.parley.xmpp.vysper;

import org.apache.vysper.xmpp.protocol.HandlerDictionary;
import org.apache.vysper.xmpp.protocol.StanzaHandler;

/**
 * A Vysper {@link HandlerDictionary} whose handlers are fixed when it is built and which chooses among them in its
 * own {@link #get}: Parley's dictionaries placed ahead of or behind Vysper's (they match on more than a namespace).
 * Nothing can be registered later, and it is sealed from the start.
 */
public abstract class FixedHandlerDictionary implements HandlerDictionary {

    @Override
    public final void register(StanzaHandler stanzaHandler) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is fixed");
    }

    @Override
    public final void seal() {
        // always sealed
    }
}
