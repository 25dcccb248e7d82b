package org.parley.storage.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.parley.roster.RosterChanges;
import org.parley.roster.RosterEntry;
import org.parley.storage.StorageException;
import org.parley.subscription.SubscriptionRequest;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/**
 * The SQL of the roster tables (migration {@code V2__create_roster.sql}) for {@link H2RosterStore}: statements and
 * row mapping, each on the caller's connection and inside the caller's transaction, if any. The SQL of the owner's
 * version row is in {@link RosterVersionRows}.
 */
final class RosterRows {

    private static final String COLUMNS = "i.contact_jid, i.name, i.subscription, i.in_roster, i.approved,"
            + " i.pending_in_stanza, i.pending_in_at, i.version";
    // One statement reads an item with its groups, so both come from the same committed state.
    private static final String ENTRIES_WITH_GROUPS = "SELECT " + COLUMNS + ", g.group_name FROM roster_item i"
            + " LEFT JOIN roster_group g ON g.owner_jid = i.owner_jid AND g.contact_jid = i.contact_jid";
    private static final String SELECT_ENTRY = ENTRIES_WITH_GROUPS + " WHERE i.owner_jid = ? AND i.contact_jid = ?";
    private static final String SELECT_ROSTER = ENTRIES_WITH_GROUPS
            + " WHERE i.owner_jid = ? AND i.in_roster ORDER BY i.contact_jid, g.group_name";
    private static final String SELECT_CHANGED = ENTRIES_WITH_GROUPS
            + " WHERE i.owner_jid = ? AND i.in_roster AND i.version > ?"
            + " ORDER BY i.version, i.contact_jid, g.group_name";

    private static final String INSERT_ITEM = "INSERT INTO roster_item (name, subscription, in_roster, approved,"
            + " pending_in_stanza, pending_in_at, version, owner_jid, contact_jid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_ITEM = "UPDATE roster_item SET name = ?, subscription = ?, in_roster = ?,"
            + " approved = ?, pending_in_stanza = ?, pending_in_at = ?, version = ?"
            + " WHERE owner_jid = ? AND contact_jid = ?";
    private static final String DELETE_ITEM = "DELETE FROM roster_item WHERE owner_jid = ? AND contact_jid = ?";
    private static final String DELETE_GROUPS = "DELETE FROM roster_group WHERE owner_jid = ? AND contact_jid = ?";
    private static final String INSERT_GROUP = "INSERT INTO roster_group (owner_jid, contact_jid, group_name)"
            + " VALUES (?, ?, ?)";

    private static final String UPSERT_TOMBSTONE = "MERGE INTO roster_tombstone (owner_jid, contact_jid, version)"
            + " KEY (owner_jid, contact_jid) VALUES (?, ?, ?)";
    private static final String DELETE_TOMBSTONE = "DELETE FROM roster_tombstone"
            + " WHERE owner_jid = ? AND contact_jid = ?";
    private static final String SELECT_TOMBSTONES = "SELECT contact_jid, version FROM roster_tombstone"
            + " WHERE owner_jid = ? AND version > ? ORDER BY version, contact_jid";

    private static final String PENDING = "SELECT contact_jid, pending_in_stanza, pending_in_at FROM roster_item"
            + " WHERE owner_jid = ? AND pending_in_stanza IS NOT NULL";
    private static final String SELECT_PENDING = PENDING + " ORDER BY pending_in_at, contact_jid";
    private static final String SELECT_PENDING_FROM = PENDING + " AND contact_jid = ?";

    private RosterRows() {}

    static Optional<RosterEntry> entry(Connection connection, BareJid owner, BareJid contact) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ENTRY)) {
            select.setString(1, owner.toString());
            select.setString(2, contact.toString());
            return readEntries(select).stream().findFirst();
        }
    }

    /** The entry, with its rows locked until the transaction ends; the caller already holds the owner's lock. */
    static Optional<RosterEntry> lockEntry(Connection connection, BareJid owner, BareJid contact)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ENTRY + " FOR UPDATE")) {
            select.setString(1, owner.toString());
            select.setString(2, contact.toString());
            return readEntries(select).stream().findFirst();
        }
    }

    /** The entries in the roster, by contact. */
    static List<RosterEntry> roster(Connection connection, BareJid owner) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ROSTER)) {
            select.setString(1, owner.toString());
            return readEntries(select);
        }
    }

    /** The entries in the roster changed after {@code version}, by version. */
    static List<RosterEntry> changedSince(Connection connection, BareJid owner, long version) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_CHANGED)) {
            select.setString(1, owner.toString());
            select.setLong(2, version);
            return readEntries(select);
        }
    }

    static List<RosterChanges.Removal> removedSince(Connection connection, BareJid owner, long version)
            throws SQLException {
        List<RosterChanges.Removal> removed = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_TOMBSTONES)) {
            select.setString(1, owner.toString());
            select.setLong(2, version);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    removed.add(new RosterChanges.Removal(parseJid(rows.getString(1)), rows.getLong(2)));
                }
            }
        }
        return removed;
    }

    /**
     * Stores {@code after} (already stamped with its version) in place of {@code before}: the item row, its groups,
     * and a tombstone when the contact leaves the roster (deleted again when it comes back).
     */
    static void write(Connection connection, BareJid owner, RosterEntry before, RosterEntry after)
            throws SQLException {
        BareJid contact = after.contact();
        if (after.isAbsent()) {
            if (!before.isAbsent()) {
                execute(connection, DELETE_ITEM, owner, contact); // the groups go by cascade
            }
        } else {
            try (PreparedStatement write = connection.prepareStatement(before.isAbsent() ? INSERT_ITEM : UPDATE_ITEM)) {
                write.setString(1, after.name());
                write.setString(2, after.subscription().name());
                write.setBoolean(3, after.inRoster());
                write.setBoolean(4, after.approved());
                RosterEntry.PendingIn pending = after.pendingIn();
                write.setString(5, pending == null ? null : pending.stanza());
                write.setObject(6, pending == null ? null
                        : OffsetDateTime.ofInstant(pending.receivedAt(), ZoneOffset.UTC));
                write.setLong(7, after.version());
                write.setString(8, owner.toString());
                write.setString(9, contact.toString());
                write.executeUpdate();
            }
            if (!after.groups().equals(before.groups())) {
                execute(connection, DELETE_GROUPS, owner, contact);
                try (PreparedStatement insert = connection.prepareStatement(INSERT_GROUP)) {
                    for (String group : after.groups()) {
                        insert.setString(1, owner.toString());
                        insert.setString(2, contact.toString());
                        insert.setString(3, group);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        }
        if (before.inRoster() && !after.inRoster()) {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_TOMBSTONE)) {
                upsert.setString(1, owner.toString());
                upsert.setString(2, contact.toString());
                upsert.setLong(3, after.version());
                upsert.executeUpdate();
            }
        } else if (!before.inRoster() && after.inRoster()) {
            execute(connection, DELETE_TOMBSTONE, owner, contact);
        }
    }

    static List<SubscriptionRequest> pendingFor(Connection connection, BareJid user) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_PENDING)) {
            select.setString(1, user.toString());
            return readRequests(select, user);
        }
    }

    static Optional<SubscriptionRequest> pending(Connection connection, BareJid user, BareJid from)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_PENDING_FROM)) {
            select.setString(1, user.toString());
            select.setString(2, from.toString());
            return readRequests(select, user).stream().findFirst();
        }
    }

    private static List<SubscriptionRequest> readRequests(PreparedStatement select, BareJid user)
            throws SQLException {
        List<SubscriptionRequest> requests = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                requests.add(new SubscriptionRequest(parseJid(rows.getString(1)), user, rows.getString(2),
                        rows.getObject(3, OffsetDateTime.class).toInstant()));
            }
        }
        return requests;
    }

    private static void execute(Connection connection, String sql, BareJid owner, BareJid contact)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, owner.toString());
            statement.setString(2, contact.toString());
            statement.executeUpdate();
        }
    }

    /** Reads entries joined with their groups; the query orders the rows so that each entry's rows are adjacent. */
    private static List<RosterEntry> readEntries(PreparedStatement select) throws SQLException {
        List<RosterEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            RosterEntry entry = null;
            Set<String> groups = new TreeSet<>();
            while (rows.next()) {
                String contact = rows.getString("contact_jid");
                if (entry == null || !entry.contact().toString().equals(contact)) {
                    if (entry != null) {
                        entries.add(withGroups(entry, groups));
                    }
                    entry = toEntry(rows);
                    groups = new TreeSet<>();
                }
                String group = rows.getString("group_name");
                if (group != null) {
                    groups.add(group);
                }
            }
            if (entry != null) {
                entries.add(withGroups(entry, groups));
            }
        }
        return entries;
    }

    /** The entry of the current row, without its groups. */
    private static RosterEntry toEntry(ResultSet row) throws SQLException {
        String stanza = row.getString("pending_in_stanza");
        OffsetDateTime receivedAt = row.getObject("pending_in_at", OffsetDateTime.class);
        String state = row.getString("subscription");
        try {
            return new RosterEntry(parseJid(row.getString("contact_jid")), row.getBoolean("in_roster"),
                    row.getString("name"), Set.of(), SubscriptionState.valueOf(state), row.getBoolean("approved"),
                    stanza == null ? null : new RosterEntry.PendingIn(stanza, receivedAt.toInstant()),
                    row.getLong("version"));
        } catch (IllegalArgumentException e) {
            // The schema's CHECKs admit only valid rows, so this is a damaged database or a schema out of step.
            throw new StorageException("the roster_item table holds an invalid row (state " + state + ")", e);
        }
    }

    private static RosterEntry withGroups(RosterEntry entry, Set<String> groups) {
        return new RosterEntry(entry.contact(), entry.inRoster(), entry.name(), groups, entry.subscription(),
                entry.approved(), entry.pendingIn(), entry.version());
    }

    private static BareJid parseJid(String stored) {
        try {
            return BareJid.parse(stored);
        } catch (IllegalArgumentException e) {
            // Only canonical JIDs are ever written, so this is a damaged row, not bad input.
            throw new StorageException("the roster tables hold an invalid JID '" + stored + "'", e);
        }
    }
}
