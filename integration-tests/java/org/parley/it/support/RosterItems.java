package org.parley.it.support;

import java.util.Optional;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jxmpp.jid.BareJid;

/** Roster items for roster sets, and look-ups in roster results (RFC 6121 §2.1). */
public final class RosterItems {

    private RosterItems() {}

    /** An item to add or update: {@code jid}, an optional name and groups; no subscription attributes. */
    public static RosterPacket.Item item(BareJid jid, String name, String... groups) {
        RosterPacket.Item item = new RosterPacket.Item(jid, name);
        for (String group : groups) {
            item.addGroupName(group);
        }
        return item;
    }

    /** The item of a roster set that removes {@code jid} (subscription='remove', RFC 6121 §2.5.1). */
    public static RosterPacket.Item remove(BareJid jid) {
        RosterPacket.Item item = new RosterPacket.Item(jid, null);
        item.setItemType(RosterPacket.ItemType.remove);
        return item;
    }

    public static Optional<RosterPacket.Item> find(RosterPacket roster, BareJid jid) {
        return roster.getRosterItems().stream().filter(i -> jid.equals(i.getJid())).findFirst();
    }

    /** The item for {@code jid}; fails, showing the roster, if there is none. */
    public static RosterPacket.Item get(RosterPacket roster, BareJid jid) {
        return find(roster, jid).orElseThrow(() -> new AssertionError(
                "no item for " + jid + " in the roster " + Inbox.show(roster)));
    }
}
