package org.parley.storage.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;

/**
 * The SQL of an owner's roster version for {@link H2RosterStore}: the version row ({@code roster_version}, migration
 * {@code V2__create_roster.sql}), the counter that every change locks and bumps, and the account's generation
 * ({@code account.generation}, migration {@code V6__add_account_generation.sql}). Each method runs on the caller's
 * connection and inside the caller's transaction, if any.
 */
final class RosterVersionRows {

    /** SQLSTATE of a unique or primary key violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    // The CAST gives the parameter a type: H2 cannot infer one from a bare "SELECT ?".
    private static final String ENSURE_VERSION = "INSERT INTO roster_version (owner_jid, version)"
            + " SELECT CAST(? AS VARCHAR(2047)), 0 WHERE NOT EXISTS"
            + " (SELECT 1 FROM roster_version WHERE owner_jid = ?)";
    private static final String SELECT_VERSION = "SELECT version FROM roster_version WHERE owner_jid = ?";
    private static final String SET_VERSION = "UPDATE roster_version SET version = ? WHERE owner_jid = ?";
    private static final String SELECT_GENERATION = "SELECT generation FROM account WHERE jid = ?";

    private RosterVersionRows() {}

    /**
     * Creates the owner's version row at 0 unless it exists, in auto-commit mode before the locking transaction:
     * the row is what that transaction locks, and an insert inside it would make a concurrent first change fail
     * on the primary key instead of waiting.
     */
    static void ensureVersionRow(Connection connection, BareJid owner) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(ENSURE_VERSION)) {
            insert.setString(1, owner.toString());
            insert.setString(2, owner.toString());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // A concurrent first change created it in the meantime: the row exists, which is all we need.
        }
    }

    /** The owner's roster version, 0 when it never changed. */
    static long version(Connection connection, BareJid owner) throws SQLException {
        return selectVersion(connection, owner, SELECT_VERSION).orElse(0);
    }

    /** Locks the owner's version row until the transaction ends (every change of the owner's roster takes it). */
    static long lockVersion(Connection connection, BareJid owner) throws SQLException {
        return selectVersion(connection, owner, SELECT_VERSION + " FOR UPDATE").orElseThrow(
                () -> new StorageException("no roster version row for " + owner + "; was the account deleted?"));
    }

    private static OptionalLong selectVersion(Connection connection, BareJid owner, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, owner.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    static void setVersion(Connection connection, BareJid owner, long version) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(SET_VERSION)) {
            update.setLong(1, version);
            update.setString(2, owner.toString());
            update.executeUpdate();
        }
    }

    /** The generation of the owner's account; 0 when there is no such account (see {@code RosterStore}). */
    static long generation(Connection connection, BareJid owner) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_GENERATION)) {
            select.setString(1, owner.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }
}
