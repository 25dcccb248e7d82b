package org.parley.presence;

import java.time.Instant;
import java.util.Objects;
import org.parley.xmpp.BareJid;

/** One change of the presence bookkeeping, as {@link PresenceStore#write} applies it in a batch. */
public sealed interface PresenceWrite {

    /** The account the change is about. */
    BareJid user();

    /** The resource that came online or went offline. */
    String resource();

    /**
     * {@link PresenceStore#online(BareJid, String, Instant)}.
     *
     * @param user the account
     * @param resource the resource that came online
     * @param since when
     */
    record Online(BareJid user, String resource, Instant since) implements PresenceWrite {
        public Online {
            Objects.requireNonNull(user, "user");
            PresenceStore.requireResource(resource);
            Objects.requireNonNull(since, "since");
        }
    }

    /**
     * {@link PresenceStore#offline(BareJid, String, String, Instant)}.
     *
     * @param user the account
     * @param resource the resource that went offline
     * @param unavailableStanza its unavailable presence as XML text
     * @param at when
     */
    record Offline(BareJid user, String resource, String unavailableStanza, Instant at) implements PresenceWrite {
        public Offline {
            Objects.requireNonNull(user, "user");
            PresenceStore.requireResource(resource);
            Objects.requireNonNull(unavailableStanza, "unavailableStanza");
            Objects.requireNonNull(at, "at");
        }
    }
}
