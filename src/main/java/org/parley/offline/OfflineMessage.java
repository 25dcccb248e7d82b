package org.parley.offline;

import java.time.Instant;
import java.util.Objects;
import org.parley.xmpp.BareJid;

/**
 * One stored offline message, as {@link OfflineStore#peek} returns it.
 *
 * @param id the store's identifier; within one owner, a higher id is a later arrival. Positive.
 * @param owner the recipient, whose queue holds the message
 * @param from the full JID of the sender, as the stanza was routed (not parsed here)
 * @param stanza the complete {@code <message/>} stanza as XML text, exactly as it was stored
 * @param receivedAt when the server received it; the XEP-0203 delay stamp on delivery
 */
public record OfflineMessage(long id, BareJid owner, String from, String stanza, Instant receivedAt) {

    /**
     * The longest {@code from} a store accepts, in chars: a full JID of three parts of at most 1023 bytes each
     * (RFC 7622 §3.1) and two separators; the H2 column has the same length.
     */
    public static final int MAX_FROM_LENGTH = 3071;

    public OfflineMessage {
        if (id <= 0) {
            throw new IllegalArgumentException("an offline message id is positive, was " + id);
        }
        Objects.requireNonNull(owner, "owner");
        requireContent(from, stanza);
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * Checks a sender and a stanza the way every store does before storing them, so that both backends refuse the
     * same input with the same exception instead of the database failing on it.
     *
     * @throws IllegalArgumentException when {@code from} is empty or longer than {@link #MAX_FROM_LENGTH}, or the
     *     stanza is empty
     */
    public static void requireContent(String from, String stanza) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(stanza, "stanza");
        if (from.isEmpty() || from.length() > MAX_FROM_LENGTH) {
            throw new IllegalArgumentException("the sender JID must be 1.." + MAX_FROM_LENGTH
                    + " characters long, was " + from.length());
        }
        if (stanza.isEmpty()) {
            throw new IllegalArgumentException("the stanza is empty");
        }
    }
}
