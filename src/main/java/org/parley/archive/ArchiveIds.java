package org.parley.archive;

import java.util.OptionalLong;

/**
 * Archive ids on the wire: the store's row id in decimal. XEP-0313 §5.2 asks only that they be unique per item and
 * never reused, which an identity column gives; clients treat them as opaque. Knowing a number is no way into
 * another user's archive: every lookup is by owner and id.
 */
public final class ArchiveIds {

    private ArchiveIds() {}

    /** The wire form of {@code id}. */
    public static String format(long id) {
        return Long.toString(id);
    }

    /** The row id of a wire id, or empty when it cannot be one of ours (then it is in no archive). */
    public static OptionalLong parse(String wire) {
        if (wire == null || wire.isEmpty() || wire.length() > 19) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < wire.length(); i++) {
            if (wire.charAt(i) < '0' || wire.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            long id = Long.parseLong(wire);
            return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
