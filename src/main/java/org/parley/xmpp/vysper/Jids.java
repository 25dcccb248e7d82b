package org.parley.xmpp.vysper;

import java.util.Optional;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.parley.xmpp.BareJid;

/** Conversions between Vysper's {@link Entity} (already stringprepped by Vysper) and Parley's {@link BareJid}. */
public final class Jids {

    private Jids() {}

    /** The bare JID of an entity with a localpart. */
    public static BareJid bare(Entity entity) {
        return new BareJid(entity.getNode(), entity.getDomain());
    }

    /** The bare JID of an entity, or empty for a domain or component address (no localpart) or a malformed one. */
    public static Optional<BareJid> user(Entity entity) {
        if (entity == null || !entity.isNodeSet()) {
            return Optional.empty();
        }
        try {
            return Optional.of(bare(entity));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The Vysper entity of a bare JID. */
    public static Entity entity(BareJid jid) {
        return new EntityImpl(jid.local(), jid.domain(), null);
    }

    /** The Vysper entity of a full JID. */
    public static Entity full(BareJid jid, String resource) {
        return new EntityImpl(jid.local(), jid.domain(), resource);
    }
}
