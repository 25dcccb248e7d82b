package org.parley.roster;

import java.util.List;
import java.util.Objects;

/**
 * A roster set as parsed from the IQ (RFC 6121 §2.1.5), before any check: every {@code <item/>} of the
 * {@code <query/>}, with its attributes as text. The roster service validates it (§2.3.3), so the handler copies
 * what it finds and decides nothing. The {@code ask} and {@code approved} attributes are not carried: a client "MUST
 * NOT include" them (§2.1.2.1, §2.1.2.2) and the server takes them from its own state.
 *
 * @param items the {@code <item/>} elements in document order; a valid set has exactly one
 */
public record RosterSetRequest(List<Item> items) {

    public RosterSetRequest {
        items = List.copyOf(items);
    }

    /** A request with these items. */
    public static RosterSetRequest of(Item... items) {
        return new RosterSetRequest(List.of(items));
    }

    /**
     * One {@code <item/>} as sent.
     *
     * @param jid the {@code jid} attribute, or {@code null} when absent
     * @param name the {@code name} attribute, or {@code null} when absent; empty means no name (§2.4.1)
     * @param groups the character data of each {@code <group/>} child, in order, duplicates and empty strings kept
     *     (the service reports them, §2.3.3)
     * @param subscription the {@code subscription} attribute, or {@code null} when absent; only {@code remove}
     *     means anything in a set (§2.1.2.5)
     */
    public record Item(String jid, String name, List<String> groups, String subscription) {

        public Item {
            groups = List.copyOf(groups);
        }

        /** {@code <item jid='...' name='...'><group/>...</item>}: create or update. */
        public static Item update(String jid, String name, String... groups) {
            return new Item(jid, name, List.of(groups), null);
        }

        /** {@code <item jid='...' subscription='remove'/>}: delete (§2.5.1). */
        public static Item remove(String jid) {
            return new Item(jid, null, List.of(), RosterPush.Removal.REMOVE);
        }

        /** Whether this item asks for a removal: {@code subscription='remove'}, matched exactly as XML is. */
        public boolean isRemove() {
            return Objects.equals(subscription, RosterPush.Removal.REMOVE);
        }
    }
}
