package org.parley.archive;

import java.time.Instant;
import java.util.Objects;

/**
 * One message in one user's archive.
 *
 * @param id the archive's id for it, unique across all archives and never reused (the XEP-0359 stanza-id and the
 *     XEP-0313 result id, as {@link #archiveId()})
 * @param with the other party's bare JID (or domain); the owner's own for a message to themselves
 * @param outgoing whether the owner sent it
 * @param at when the server received it (the XEP-0203 stamp); never earlier than a message with a lower id
 * @param stanza the message as XML text, as it was routed, without the server's own stanza-id
 */
public record ArchivedMessage(long id, String with, boolean outgoing, Instant at, String stanza) {

    public ArchivedMessage {
        Objects.requireNonNull(with, "with");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(stanza, "stanza");
    }

    /** The id as the protocol shows it. */
    public String archiveId() {
        return ArchiveIds.format(id);
    }
}
