package org.parley.presence.vysper;

import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.xmpp.BareJid;

/**
 * Told of each local resource's broadcast presence, after it has been broadcast: the seam through which other
 * features follow who is available with what capabilities (PEP's filtered notifications, XEP-0163 §4.2). Called on
 * the thread handling the resource's session, so calls for one resource come in order.
 */
public interface PresenceObserver {

    /** Nobody listens. */
    PresenceObserver NONE = new PresenceObserver() {
        @Override
        public void available(BareJid user, String resource, Stanza presence) {}

        @Override
        public void unavailable(BareJid user, String resource) {}
    };

    /** {@code resource} of {@code user} sent available presence without 'to' (initial or subsequent). */
    void available(BareJid user, String resource, Stanza presence);

    /** {@code resource} of {@code user} went unavailable: it said so, or its session ended. */
    void unavailable(BareJid user, String resource);
}
