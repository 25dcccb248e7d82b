package org.parley.roster;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.parley.xmpp.BareJid;

/**
 * The pure input checks of a roster set (RFC 6121 §2.3.3) for {@link RosterService#set}: the item's {@code jid},
 * name and groups. Package-private; the service documents the rules and their order.
 */
final class RosterSetChecks {

    private RosterSetChecks() {
    }

    /**
     * The contact named by an item's {@code jid}, or why it names none.
     *
     * @param jid the contact, or {@code null} when {@code error} is set
     * @param error why the {@code jid} is refused, or {@code null} when {@code jid} is set
     */
    record Contact(BareJid jid, RosterError error) {

        Contact {
            if ((jid == null) == (error == null)) {
                throw new IllegalArgumentException("a contact or an error, not both and not neither");
            }
        }
    }

    /**
     * Parses the {@code jid} attribute: {@code jid-malformed} when it is no JID (RFC 6120 §8.3.3.8: an address
     * "that violates the rules defined in [XMPP-ADDR]"), {@code not-acceptable} when it is a JID Parley does not keep
     * in rosters (a full JID, or a domain without a localpart).
     */
    static Contact contact(String jid) {
        int slash = jid.indexOf('/');
        String bare = slash < 0 ? jid : jid.substring(0, slash);
        if (slash >= 0 && slash == jid.length() - 1) {
            return refused(RosterError.Condition.JID_MALFORMED, "the resource part of '" + jid + "' is empty");
        }
        if (!bare.isEmpty() && bare.indexOf('@') < 0) {
            return refused(RosterError.Condition.NOT_ACCEPTABLE,
                    "Parley keeps only user@domain contacts in rosters, not '" + jid + "'");
        }
        BareJid contact;
        try {
            contact = BareJid.parse(bare);
        } catch (IllegalArgumentException malformed) {
            return refused(RosterError.Condition.JID_MALFORMED, malformed.getMessage());
        }
        if (slash >= 0) {
            return refused(RosterError.Condition.NOT_ACCEPTABLE,
                    "a roster item is a bare JID (user@domain), not the full JID '" + jid + "'");
        }
        return new Contact(contact, null);
    }

    /**
     * The name and group checks of RFC 6121 §2.3.3: {@code not-acceptable} for a name or group over the limit or an
     * empty (or, since no store keeps one, white-space-only) group; {@code bad-request} for a duplicate group,
     * compared after NFC normalisation (§2.3.3 leaves the comparison open: "one possible comparison method ... is
     * that described for XMPP resourceparts").
     */
    static Optional<RosterError> nameAndGroups(RosterSetRequest.Item item) {
        if (item.name() != null && item.name().length() > RosterItem.MAX_NAME_LENGTH) {
            return error(RosterError.Condition.NOT_ACCEPTABLE,
                    "the name is longer than " + RosterItem.MAX_NAME_LENGTH + " characters");
        }
        Set<String> seen = new HashSet<>();
        for (String group : item.groups()) {
            if (group.isEmpty()) {
                return error(RosterError.Condition.NOT_ACCEPTABLE,
                        "a group name is empty; to remove the item from all groups, send no <group/>");
            }
            if (group.isBlank()) {
                return error(RosterError.Condition.NOT_ACCEPTABLE, "a group name is only white space");
            }
            if (group.length() > RosterItem.MAX_GROUP_LENGTH) {
                return error(RosterError.Condition.NOT_ACCEPTABLE,
                        "a group name is longer than " + RosterItem.MAX_GROUP_LENGTH + " characters");
            }
            if (!seen.add(Normalizer.normalize(group, Normalizer.Form.NFC))) {
                return error(RosterError.Condition.BAD_REQUEST, "the group '" + group + "' is given twice");
            }
        }
        return Optional.empty();
    }

    private static Contact refused(RosterError.Condition condition, String text) {
        return new Contact(null, RosterError.of(condition, text));
    }

    private static Optional<RosterError> error(RosterError.Condition condition, String text) {
        return Optional.of(RosterError.of(condition, text));
    }
}
