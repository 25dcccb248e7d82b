package org.parley.storage.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.pep.AccessModel;
import org.parley.pep.NodeConfig;
import org.parley.pep.PepItem;
import org.parley.pep.PepNode;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;

/**
 * The SQL of {@link H2PepStore}: single statements over {@code pep_node} and {@code pep_item} on a connection the
 * caller owns, and the mapping of their rows. Which statements run together, in which transaction and under which
 * lock, is decided by the store.
 */
final class PepRows {

    /** SQLSTATE of a unique or primary key violation (SQL standard; H2 {@code DUPLICATE_KEY_1}). */
    private static final String UNIQUE_VIOLATION = "23505";

    static final String NODE = "SELECT access_model, max_items FROM pep_node WHERE owner_jid = ? AND node = ?";
    private static final String LOCK_NODE = NODE + " FOR UPDATE";
    static final String NODES = "SELECT node, access_model, max_items FROM pep_node WHERE owner_jid = ?"
            + " ORDER BY node";
    private static final String INSERT_NODE = "INSERT INTO pep_node (owner_jid, node, access_model, max_items,"
            + " created_at) VALUES (?, ?, ?, ?, ?)";
    private static final String CONFIGURE = "UPDATE pep_node SET access_model = ?, max_items = ?"
            + " WHERE owner_jid = ? AND node = ?";
    static final String DELETE_NODE = "DELETE FROM pep_node WHERE owner_jid = ? AND node = ?";
    private static final String INSERT_ITEM = "INSERT INTO pep_item (owner_jid, node, item_id, payload, published_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    private static final String DELETE_ITEM = "DELETE FROM pep_item WHERE owner_jid = ? AND node = ? AND item_id = ?";
    private static final String DELETE_ITEMS = "DELETE FROM pep_item WHERE owner_jid = ? AND node = ?";
    /** Deletes every item older than the newest {@code ?}: the subquery finds the newest one to go, if any. */
    private static final String TRIM = DELETE_ITEMS + " AND seq <= (SELECT seq FROM pep_item"
            + " WHERE owner_jid = ? AND node = ? ORDER BY seq DESC OFFSET ? ROWS FETCH NEXT 1 ROW ONLY)";
    private static final String ITEMS = "SELECT item_id, payload, published_at FROM pep_item"
            + " WHERE owner_jid = ? AND node = ?";
    static final String NEWEST = ITEMS + " ORDER BY seq DESC FETCH FIRST ? ROWS ONLY";
    static final String WITH_IDS = ITEMS + " AND item_id = ANY(?) ORDER BY seq DESC";

    private PepRows() {
    }

    /** A statement whose first two parameters are the node's key, set here. */
    static PreparedStatement keyed(Connection connection, String sql, BareJid owner, String name)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setString(1, owner.toString());
            statement.setString(2, name);
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** Locks the node's row for the rest of the transaction and returns its configuration; empty for no node. */
    static Optional<NodeConfig> lockNode(Connection connection, BareJid owner, String name) throws SQLException {
        try (PreparedStatement select = keyed(connection, LOCK_NODE, owner, name);
                ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(config(row)) : Optional.empty();
        }
    }

    /** Inserts the node; false, changing nothing, when the owner has one of that name (or gets one concurrently). */
    static boolean insertNode(Connection connection, PepNode node, Instant createdAt) throws SQLException {
        try (PreparedStatement insert = keyed(connection, INSERT_NODE, node.owner(), node.name())) {
            insert.setString(3, node.config().accessModel().wire());
            insert.setInt(4, node.config().maxItems());
            insert.setObject(5, utc(createdAt));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // Expected when the node exists. H2 undoes only this statement; an enclosing transaction goes on.
                return false;
            }
            throw e;
        }
    }

    static void configure(Connection connection, BareJid owner, String name, NodeConfig config) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(CONFIGURE)) {
            update.setString(1, config.accessModel().wire());
            update.setInt(2, config.maxItems());
            update.setString(3, owner.toString());
            update.setString(4, name);
            update.executeUpdate();
        }
    }

    static void insertItem(Connection connection, BareJid owner, String name, PepItem item) throws SQLException {
        try (PreparedStatement insert = keyed(connection, INSERT_ITEM, owner, name)) {
            insert.setString(3, item.id());
            insert.setString(4, item.payload());
            insert.setObject(5, utc(item.publishedAt()));
            insert.executeUpdate();
        }
    }

    /** Deletes one item; false when the node has no item of that id. */
    static boolean deleteItem(Connection connection, BareJid owner, String name, String itemId) throws SQLException {
        try (PreparedStatement delete = keyed(connection, DELETE_ITEM, owner, name)) {
            delete.setString(3, itemId);
            return delete.executeUpdate() > 0;
        }
    }

    static void deleteItems(Connection connection, BareJid owner, String name) throws SQLException {
        try (PreparedStatement delete = keyed(connection, DELETE_ITEMS, owner, name)) {
            delete.executeUpdate();
        }
    }

    /** Drops all but the newest {@code maxItems} items of the node. */
    static void trim(Connection connection, BareJid owner, String name, int maxItems) throws SQLException {
        try (PreparedStatement delete = keyed(connection, TRIM, owner, name)) {
            delete.setString(3, owner.toString());
            delete.setString(4, name);
            delete.setInt(5, maxItems);
            delete.executeUpdate();
        }
    }

    /** Runs a query of {@link #NEWEST} or {@link #WITH_IDS} and maps its rows, in their order. */
    static List<PepItem> items(PreparedStatement select) throws SQLException {
        List<PepItem> items = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                items.add(new PepItem(rows.getString("item_id"), rows.getString("payload"),
                        rows.getObject("published_at", OffsetDateTime.class).toInstant()));
            }
        }
        return List.copyOf(items);
    }

    /** The configuration in a row of {@code pep_node}. */
    static NodeConfig config(ResultSet row) throws SQLException {
        String wire = row.getString("access_model");
        AccessModel model = AccessModel.fromWire(wire).orElseThrow(() ->
                // The CHECK constraint admits only the models Parley offers, so this is a damaged row.
                new StorageException("the pep_node table holds an unknown access model '" + wire + "'"));
        return new NodeConfig(model, row.getInt("max_items"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
