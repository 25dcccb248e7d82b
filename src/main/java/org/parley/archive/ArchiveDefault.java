package org.parley.archive;

import java.util.Locale;
import java.util.Optional;

/**
 * A user's default archiving rule for contacts not named in their preferences (XEP-0313 §6 of version 0.6, the
 * {@code <prefs default='...'/>} attribute Smack 4.4 and Conversations still use).
 */
public enum ArchiveDefault {
    /** Every archivable message is kept. */
    ALWAYS,
    /** None is kept, unless the contact is in the "always" list. */
    NEVER,
    /** Only messages with contacts in the user's roster are kept. */
    ROSTER;

    /** The attribute value: {@code always}, {@code never} or {@code roster}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule named {@code wire}, or empty for anything else. */
    public static Optional<ArchiveDefault> fromWire(String wire) {
        for (ArchiveDefault d : values()) {
            if (d.wire().equals(wire)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
