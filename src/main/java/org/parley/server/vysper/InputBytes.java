package org.parley.server.vysper;

import java.util.Arrays;

/**
 * What the decoder does to a connection's bytes before Aalto sees them, for two gaps in Aalto 1.3's async reader
 * (ADR 0012):
 *
 * <ul>
 *   <li>A four-byte UTF-8 character in an attribute value that is split between two feeds is silently dropped. So a
 *       character is never split: the bytes of an incomplete trailing sequence are held back and fed with the next
 *       read. Invalid UTF-8 is passed on unchanged, for Aalto to refuse.
 *   <li>A DOCTYPE with an internal subset, the shape of every entity attack, is reported as a generic syntax error.
 *       So {@code <!} before the root element (a DOCTYPE or a comment, nothing else can start so) is looked for here,
 *       to answer it with {@code restricted-xml} as RFC 6120 §11.1 asks.
 * </ul>
 *
 * <p>One per connection, reset for each new stream; not thread-safe.
 */
final class InputBytes {

    private static final byte[] NONE = new byte[0];

    private byte[] heldBack = NONE;
    private boolean inProlog = true;
    private boolean afterLessThan;

    /** Forgets everything: the next bytes start a new document. */
    void reset() {
        heldBack = NONE;
        inProlog = true;
        afterLessThan = false;
    }

    /** The bytes held back from the last read followed by {@code read}. */
    byte[] prepend(byte[] read) {
        if (heldBack.length == 0) {
            return read;
        }
        byte[] joined = Arrays.copyOf(heldBack, heldBack.length + read.length);
        System.arraycopy(read, 0, joined, heldBack.length, read.length);
        heldBack = NONE;
        return joined;
    }

    /**
     * The end of the part of {@code bytes} (from {@code from}) that ends on a whole character; the rest is held back
     * for {@link #prepend}.
     */
    int holdBackPartialCharacter(byte[] bytes, int from) {
        int end = bytes.length;
        int start = end - 1;
        // at most three continuation bytes (10xxxxxx) can precede a sequence's end
        while (start >= from && start > end - 4 && (bytes[start] & 0xC0) == 0x80) {
            start--;
        }
        if (start < from) {
            return end;
        }
        int lead = bytes[start] & 0xFF;
        int length = lead >= 0xF0 && lead <= 0xF7 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (lead < 0xC0 || lead > 0xF7 || end - start >= length) {
            return end; // complete, or not UTF-8 at all (Aalto will say so)
        }
        heldBack = Arrays.copyOfRange(bytes, start, end);
        return start;
    }

    /** Whether {@code bytes[from, to)} opens a DOCTYPE or comment before the root element. */
    boolean declaresMarkupInProlog(byte[] bytes, int from, int to) {
        for (int i = from; i < to && inProlog; i++) {
            byte b = bytes[i];
            if (afterLessThan) {
                if (b == '!') {
                    return true;
                }
                // '<?' is the XML declaration or a processing instruction (Aalto reports that); else the root
                inProlog = b == '?';
            }
            afterLessThan = b == '<';
        }
        return false;
    }
}
