package org.parley.roster;

import java.util.Optional;

/**
 * A roster version as the client sees it: the {@code ver} attribute of roster results and pushes (RFC 6121 §2.1.1,
 * §2.6). §2.1.1: "The value MUST be generated only by the server and MUST be treated by the client as opaque. The
 * server can use any appropriate method for generating the version ID, such as a hash of the roster data or a
 * strictly increasing sequence number."
 *
 * <p>Format: the owner's {@link RosterStore} version counter in canonical decimal ({@code "0"}, {@code "17"}): no
 * sign, no leading zero, no other characters. {@link #parse} accepts exactly what {@link #ver()} writes; anything
 * else (including the empty string a client sends to bootstrap versioning, §2.6.2) is not a version this server
 * issued, and the roster service answers it with the whole roster.
 *
 * <p>Known gap: ADR 0007 wants the string to also identify the account's generation, so that the cache of a deleted
 * and re-created account is not taken for a version of the new roster. {@link RosterStore} offers no such value yet,
 * so a client holding {@code "5"} from the old account gets pushes since 5 of the new one (not the whole roster)
 * once the new roster passes version 5. When a generation exists, the format becomes e.g.
 * {@code "<generation>-<counter>"}; today's plain numbers then fail to parse and such clients get the whole roster,
 * which is always safe.
 *
 * @param counter the store's version counter; not negative
 */
public record RosterVersion(long counter) {

    /** Digits of {@link Long#MAX_VALUE}; a longer string cannot be a version. */
    private static final int MAX_DIGITS = 19;

    public RosterVersion {
        RosterItem.checkedVersion(counter);
    }

    /** The {@code ver} attribute value. */
    public String ver() {
        return Long.toString(counter);
    }

    /**
     * The version a client sent back, if this server could have issued it.
     *
     * @param ver the {@code ver} attribute of a roster get
     * @return empty when {@code ver} is not in this class's format (the caller sends the whole roster)
     */
    public static Optional<RosterVersion> parse(String ver) {
        if (ver == null || ver.isEmpty() || ver.length() > MAX_DIGITS
                || ver.length() > 1 && ver.charAt(0) == '0') {
            return Optional.empty();
        }
        for (int i = 0; i < ver.length(); i++) {
            char c = ver.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new RosterVersion(Long.parseLong(ver)));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty(); // 19 digits above Long.MAX_VALUE: not one of ours
        }
    }

    @Override
    public String toString() {
        return ver();
    }
}
