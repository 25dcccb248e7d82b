package org.parley.roster;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;

/**
 * A roster version as the client sees it: the {@code ver} attribute of roster results and pushes (RFC 6121 §2.1.1,
 * §2.6). §2.1.1: "The value MUST be generated only by the server and MUST be treated by the client as opaque. The
 * server can use any appropriate method for generating the version ID, such as a hash of the roster data or a
 * strictly increasing sequence number."
 *
 * <p>Format: {@code <generation>-<counter>}, for example {@code "kX3v_0aQ-Zs-17"}. The generation is the owner's
 * {@link RosterStore#generation account generation}: its 8 bytes (big-endian) in unpadded base64url (RFC 4648 §5),
 * always 11 characters, which may themselves contain {@code -} or {@code _}. The counter, after the 12th character,
 * is the owner's {@link RosterStore} version counter in canonical decimal: no sign, no leading zero, no other
 * characters. {@link #parse} accepts exactly what {@link #ver()} writes; anything else (the empty string a client
 * sends to bootstrap versioning, §2.6.2, or a plain number that older Parley versions issued) is not a version this
 * server issued, and the roster service answers it with the whole roster.
 *
 * <p>Why a generation: a deleted account's roster and the roster of the account re-created under the same JID both
 * count from 0 (ADR 0007), so the counter alone would let a client's cache of the old roster pass for a version of
 * the new one ({@code "5"} answered with the pushes since 5 of the new roster, or "up to date"). With the generation
 * in the string the old cache matches nothing, and the client gets the whole roster (§2.6.3 allows that whenever
 * "the server cannot associate the version ID with any previous version it has on file").
 *
 * @param generation the owner's account generation (any value)
 * @param counter the store's version counter; not negative
 */
public record RosterVersion(long generation, long counter) {

    /** Length of the generation token: 8 bytes in unpadded base64. */
    private static final int TOKEN_LENGTH = 11;
    private static final char SEPARATOR = '-';
    /** Digits of {@link Long#MAX_VALUE}; a longer counter cannot be one of ours. */
    private static final int MAX_DIGITS = 19;

    public RosterVersion {
        RosterItem.checkedVersion(counter);
    }

    /** The {@code ver} attribute value. */
    public String ver() {
        return token(generation) + SEPARATOR + counter;
    }

    /**
     * The version a client sent back, if this server could have issued it. Whether it is of the owner's current
     * generation is the caller's question.
     *
     * @param ver the {@code ver} attribute of a roster get
     * @return empty when {@code ver} is not in this class's format (the caller sends the whole roster)
     */
    public static Optional<RosterVersion> parse(String ver) {
        if (ver == null || ver.length() < TOKEN_LENGTH + 2 || ver.length() > TOKEN_LENGTH + 1 + MAX_DIGITS
                || ver.charAt(TOKEN_LENGTH) != SEPARATOR) {
            return Optional.empty();
        }
        Optional<Long> generation = generation(ver.substring(0, TOKEN_LENGTH));
        Optional<Long> counter = counter(ver.substring(TOKEN_LENGTH + 1));
        if (generation.isEmpty() || counter.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RosterVersion(generation.get(), counter.get()));
    }

    @Override
    public String toString() {
        return ver();
    }

    private static String token(long generation) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ByteBuffer.allocate(Long.BYTES).putLong(generation).array());
    }

    /** The generation of a token that {@link #token} writes; empty for any other string. */
    private static Optional<Long> generation(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length != Long.BYTES) {
            return Optional.empty();
        }
        long generation = ByteBuffer.wrap(bytes).getLong();
        // The 11th character carries 4 bits of data and 2 spare ones; the decoder ignores the spare bits, so a
        // token that sets them decodes as well. Only the canonical spelling is one we wrote.
        return token(generation).equals(token) ? Optional.of(generation) : Optional.empty();
    }

    /** A canonical decimal counter; empty for anything else. */
    private static Optional<Long> counter(String digits) {
        if (digits.isEmpty() || digits.length() > 1 && digits.charAt(0) == '0') {
            return Optional.empty();
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty(); // 19 digits above Long.MAX_VALUE: not one of ours
        }
    }
}
