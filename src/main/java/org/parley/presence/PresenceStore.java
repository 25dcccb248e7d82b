package org.parley.presence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.parley.xmpp.BareJid;

/**
 * What the server remembers about who is online and about users who went offline (RFC 6121 §4): the online
 * resources, for the admin CLI ({@code user list --online}), and each user's last unavailable presence with its time,
 * which answers presence probes while the user is offline (§4.3.2) and later XEP-0012 last activity.
 *
 * <p>The live presence state is kept in memory by the presence registry; this store is written only when a
 * resource comes online or goes offline, not on every status change, so the database is not on the path of each
 * presence broadcast. Implementations: {@code org.parley.storage.h2.H2PresenceStore} and
 * {@code org.parley.storage.memory.InMemoryPresenceStore}, both held to {@code PresenceStoreContract}. Thread-safe;
 * infrastructure failures surface as {@code org.parley.storage.StorageException}.
 */
public interface PresenceStore {

    /**
     * Records that the server process {@code pid} owns the online list from now on, and clears the online rows a
     * previous process left behind (after {@code kill -9} nobody it listed is online any more). Last presences stay.
     */
    void serverStarted(long pid, Instant at);

    /** The PID recorded by the last {@link #serverStarted}, if any; the CLI checks whether it is still alive. */
    OptionalLong serverPid();

    /** Records that {@code resource} of {@code user} became available (initial presence); replaces an earlier row. */
    void online(BareJid user, String resource, Instant since);

    /**
     * Records that {@code resource} of {@code user} went offline; when it was the user's last online resource, also
     * keeps {@code unavailableStanza} (the user's last unavailable presence, as XML text) with {@code at} as the
     * user's last presence, replacing the one before.
     */
    void offline(BareJid user, String resource, String unavailableStanza, Instant at);

    /**
     * Applies the writes in order, as {@link #online(BareJid, String, Instant)} and
     * {@link #offline(BareJid, String, String, Instant)} would one by one. A store that can do better writes them
     * in one transaction, all or none (the H2 store does).
     */
    default void write(List<PresenceWrite> writes) {
        for (PresenceWrite write : writes) {
            if (write instanceof PresenceWrite.Online online) {
                online(online.user(), online.resource(), online.since());
            } else if (write instanceof PresenceWrite.Offline offline) {
                offline(offline.user(), offline.resource(), offline.unavailableStanza(), offline.at());
            }
        }
    }

    /** Every online resource, ordered by user, then resource. */
    List<OnlineResource> online();

    /** The user's last unavailable presence, if the user was ever online. */
    Optional<LastPresence> last(BareJid user);

    /** The longest resource accepted, in chars: RFC 7622 §3.4 allows 1023 bytes of UTF-8, never more chars. */
    int MAX_RESOURCE_LENGTH = 1023;

    /**
     * The argument rule for a resource, for implementations: each store refuses the same input with the same
     * exception instead of the database failing on it.
     *
     * @throws IllegalArgumentException when {@code resource} is empty or longer than {@link #MAX_RESOURCE_LENGTH}
     */
    static void requireResource(String resource) {
        Objects.requireNonNull(resource, "resource");
        if (resource.isEmpty() || resource.length() > MAX_RESOURCE_LENGTH) {
            throw new IllegalArgumentException("a resource must be 1.." + MAX_RESOURCE_LENGTH
                    + " characters long, was " + resource.length());
        }
    }

    /**
     * A resource that is online.
     *
     * @param user the account
     * @param resource the resource part of its full JID
     * @param since when it sent its initial presence
     */
    record OnlineResource(BareJid user, String resource, Instant since) {

        public OnlineResource {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(since, "since");
        }
    }

    /**
     * A user's last unavailable presence.
     *
     * @param user the account
     * @param stanza the unavailable presence stanza as XML text, as the user (or the server, at a dropped
     *     connection) sent it
     * @param at when the user went offline
     */
    record LastPresence(BareJid user, String stanza, Instant at) {

        public LastPresence {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(stanza, "stanza");
            Objects.requireNonNull(at, "at");
        }
    }
}
