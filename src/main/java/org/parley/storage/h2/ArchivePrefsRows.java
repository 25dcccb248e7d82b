package org.parley.storage.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.parley.archive.ArchiveDefault;
import org.parley.archive.ArchivePrefs;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;

/** The rows of {@code archive_prefs} and {@code archive_prefs_jid}, for {@link H2ArchiveStore}. */
final class ArchivePrefsRows {

    private static final String PREFS = "SELECT default_rule FROM archive_prefs WHERE owner_jid = ?";
    private static final String PREFS_JIDS = "SELECT jid, rule FROM archive_prefs_jid WHERE owner_jid = ?";
    private static final String ACCOUNT = "SELECT jid FROM account WHERE jid = ?";
    private static final String MERGE_PREFS = "MERGE INTO archive_prefs (owner_jid, default_rule) KEY (owner_jid)"
            + " VALUES (?, ?)";
    private static final String CLEAR_PREFS_JIDS = "DELETE FROM archive_prefs_jid WHERE owner_jid = ?";
    private static final String INSERT_PREFS_JID = "INSERT INTO archive_prefs_jid (owner_jid, jid, rule) VALUES (?, ?, ?)";

    private ArchivePrefsRows() {}

    /** {@code owner}'s preferences, empty when they set none. */
    static Optional<ArchivePrefs> read(Connection connection, BareJid owner) throws SQLException {
        ArchiveDefault rule;
        try (PreparedStatement select = connection.prepareStatement(PREFS)) {
            select.setString(1, owner.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                rule = ArchiveDefault.fromWire(row.getString(1)).orElseThrow(() -> new StorageException(
                        "unknown archive default rule stored for " + owner));
            }
        }
        Set<String> always = new HashSet<>();
        Set<String> never = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(PREFS_JIDS)) {
            select.setString(1, owner.toString());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ("always".equals(rows.getString(2)) ? always : never).add(rows.getString(1));
                }
            }
        }
        return Optional.of(new ArchivePrefs(rule, always, never));
    }

    /** Replaces {@code owner}'s preferences, in the caller's transaction; false when there is no such account. */
    static boolean write(Connection connection, BareJid owner, ArchivePrefs prefs) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ACCOUNT)) {
            select.setString(1, owner.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement merge = connection.prepareStatement(MERGE_PREFS)) {
            merge.setString(1, owner.toString());
            merge.setString(2, prefs.defaultRule().wire());
            merge.executeUpdate();
        }
        try (PreparedStatement clear = connection.prepareStatement(CLEAR_PREFS_JIDS)) {
            clear.setString(1, owner.toString());
            clear.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_PREFS_JID)) {
            for (String jid : prefs.always()) {
                add(insert, owner, jid, "always");
            }
            for (String jid : prefs.never()) {
                add(insert, owner, jid, "never");
            }
            insert.executeBatch();
        }
        return true;
    }

    private static void add(PreparedStatement insert, BareJid owner, String jid, String rule) throws SQLException {
        insert.setString(1, owner.toString());
        insert.setString(2, jid);
        insert.setString(3, rule);
        insert.addBatch();
    }
}
