package org.parley.archive;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.parley.xmpp.BareJid;

/**
 * Every user's message archive and archiving preferences. Ids are assigned by the store, ascending in the order
 * messages are appended, unique across all archives and never reused. Implementations throw
 * {@code StorageException} (unchecked) when the database fails.
 */
public interface ArchiveStore {

    /**
     * One message to keep in one user's archive.
     *
     * @param owner whose archive
     * @param with the other party's bare JID or domain
     * @param withResource the other party's resource, or null
     * @param outgoing whether the owner sent it
     * @param at the server's receive stamp
     * @param stanza the message as XML text
     */
    record Append(BareJid owner, String with, String withResource, boolean outgoing, Instant at, String stanza) {
        public Append {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(with, "with");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(stanza, "stanza");
        }
    }

    /** Returned by {@link #appendAll} for a message whose owner has no account (deleted in the meantime). */
    long NOT_KEPT = 0;

    /**
     * Appends {@code appends} in one transaction, in order. After each owner's messages are in, that owner's
     * oldest messages beyond {@code maxPerUser} are deleted (0: no limit).
     *
     * @return the id of each message, or {@link #NOT_KEPT} where the owner has no account
     */
    List<Long> appendAll(List<Append> appends, int maxPerUser);

    /**
     * Which of one archive's messages a query reads: ids in {@code [fromId, toId]}, with {@code with} (bare JID or
     * domain; null for anyone) and {@code withResource} (null for any), and only {@code ids} when not null.
     */
    record Range(String with, String withResource, long fromId, long toId, Set<Long> ids) {
        public Range {
            ids = ids == null ? null : Set.copyOf(ids);
        }

        /** This range with other id bounds. */
        public Range between(long from, long to) {
            return new Range(with, withResource, from, to, ids);
        }
    }

    /**
     * Up to {@code limit} messages of {@code owner}'s archive in {@code range}: the oldest ones in id order, or with
     * {@code newestFirst} the newest ones, newest first.
     */
    List<ArchivedMessage> read(BareJid owner, Range range, boolean newestFirst, int limit);

    /** How many messages of {@code owner}'s archive are in {@code range}. */
    long count(BareJid owner, Range range);

    /** Which of {@code ids} are in {@code owner}'s archive. */
    Set<Long> existing(BareJid owner, Set<Long> ids);

    /** The lowest id of {@code owner}'s messages stamped at or after {@code start}. */
    OptionalLong firstIdFrom(BareJid owner, Instant start);

    /** The highest id of {@code owner}'s messages stamped at or before {@code end}. */
    OptionalLong lastIdUntil(BareJid owner, Instant end);

    /** Removes one message from {@code owner}'s archive (it was not delivered after all). */
    boolean delete(BareJid owner, long id);

    /** Deletes at most {@code limit} messages (of any archive) stamped before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff, int limit);

    /** The latest stamp in any archive, to keep new stamps from going back in time after a restart. */
    Optional<Instant> latestStamp();

    /** {@code owner}'s preferences, or empty when they never set any. */
    Optional<ArchivePrefs> prefs(BareJid owner);

    /**
     * Replaces {@code owner}'s preferences.
     *
     * @return false when {@code owner} has no account
     */
    boolean setPrefs(BareJid owner, ArchivePrefs prefs);
}
