package org.parley.roster;

import java.util.List;
import java.util.Objects;
import org.parley.xmpp.BareJid;

/**
 * What changed in a roster after a version the client holds: the roster pushes that bring the client's cached
 * copy up to date (RFC 6121 §2.6.3).
 *
 * <p>Both lists are sorted by version (then by contact). To send pushes in the order of the changes, as §2.6.3
 * requires so that an interrupted resynchronisation never skips one, merge the two lists by version. A contact
 * appears in at most one list; a removal may name a contact the client never had (added and removed since).
 *
 * @param version the current roster version, for the last push (or for the empty result when nothing changed)
 * @param changed the items added or modified since, with their current content
 * @param removed the contacts removed since
 */
public record RosterChanges(long version, List<RosterItem> changed, List<Removal> removed) {

    public RosterChanges {
        RosterItem.checkedVersion(version);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /** Whether the client's version is current: the server answers with an empty result (RFC 6121 §2.6.3). */
    public boolean isEmpty() {
        return changed.isEmpty() && removed.isEmpty();
    }

    /**
     * The removal of a contact from the roster: a push with {@code subscription='remove'}.
     *
     * @param contact the removed contact
     * @param version the roster version of the removal
     */
    public record Removal(BareJid contact, long version) {

        public Removal {
            Objects.requireNonNull(contact, "contact");
            RosterItem.checkedVersion(version);
        }
    }
}
