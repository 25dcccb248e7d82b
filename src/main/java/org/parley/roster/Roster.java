package org.parley.roster;

import java.util.List;
import java.util.Objects;
import org.parley.xmpp.BareJid;

/**
 * A user's whole roster at one roster version (RFC 6121 §2.1.4 roster result, §2.6 versioning).
 *
 * @param owner the local user whose roster this is
 * @param version the roster version; 0 when the roster never changed
 * @param items the items, sorted by the contact JID's string form, unmodifiable; never a contact whose row only
 *     records a pending inbound request
 */
public record Roster(BareJid owner, long version, List<RosterItem> items) {

    public Roster {
        Objects.requireNonNull(owner, "owner");
        RosterItem.checkedVersion(version);
        items = List.copyOf(items);
    }
}
