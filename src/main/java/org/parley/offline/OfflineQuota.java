package org.parley.offline;

import java.util.Objects;

/**
 * How much one user's offline queue may hold: at most {@code maxMessages} messages and at most {@code maxBytes}
 * bytes of stanza text, counted in UTF-8 ({@link #sizeOf}). A store refuses a message that would take the queue
 * past either limit; the limits are inclusive, so a queue may be exactly full.
 *
 * <p>Zero is allowed for either limit and turns offline storage off for the user: every message is refused, and
 * the sender gets an error, which XEP-0160 §3 asks for when the server does not store offline messages.
 *
 * @param maxMessages the most messages the queue may hold, {@code >= 0}
 * @param maxBytes the most UTF-8 bytes of stanza text the queue may hold, {@code >= 0}
 */
public record OfflineQuota(int maxMessages, long maxBytes) {

    public OfflineQuota {
        if (maxMessages < 0) {
            throw new IllegalArgumentException("the offline message limit may not be negative, was " + maxMessages);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the offline byte limit may not be negative, was " + maxBytes);
        }
    }

    /**
     * Whether a queue that holds {@code storedMessages} messages of {@code storedBytes} bytes in total may take one
     * more of {@code stanzaBytes} bytes.
     */
    public boolean admits(long storedMessages, long storedBytes, long stanzaBytes) {
        // Written as subtractions so that no sum can overflow, whatever the stored totals are.
        return storedMessages < maxMessages
                && stanzaBytes <= maxBytes
                && storedBytes <= maxBytes - stanzaBytes;
    }

    /**
     * The size a stanza counts for against {@link #maxBytes()}: its length in UTF-8, the encoding it travels in
     * (RFC 6120 §11.6). Counted without encoding, since the store does this for every message; equal to
     * {@code stanza.getBytes(UTF_8).length}, including for a lone surrogate, which that encodes as one {@code ?}.
     */
    public static long sizeOf(CharSequence stanza) {
        Objects.requireNonNull(stanza, "stanza");
        long bytes = 0;
        int length = stanza.length();
        for (int i = 0; i < length; i++) {
            char c = stanza.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(stanza.charAt(i + 1))) {
                bytes += 4; // a supplementary character: two chars, one four-byte sequence
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
