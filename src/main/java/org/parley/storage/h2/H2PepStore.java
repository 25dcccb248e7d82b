package org.parley.storage.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.parley.pep.NodeConfig;
import org.parley.pep.PepItem;
import org.parley.pep.PepNode;
import org.parley.pep.PepStore;
import org.parley.storage.StorageException;
import org.parley.storage.Transactions;
import org.parley.xmpp.BareJid;

/**
 * {@link PepStore} over the tables {@code pep_node} and {@code pep_item} of migration {@code V5__create_pep.sql}.
 * The SQL is in {@link PepRows}.
 *
 * <p><b>Locking.</b> Every change of a node's items runs in one transaction that first locks the node's
 * {@code pep_node} row ({@code SELECT ... FOR UPDATE}). Changes of one node therefore take turns: each publish sees
 * the items the previous one committed, so none is lost or kept twice and the trim to {@code max_items} holds
 * exactly, and the identity column {@code seq} rises in publication order within the node. Other nodes, and other
 * owners, do not wait. Deleting a node is one statement that locks the same row.
 *
 * <p><b>Auto-create.</b> A publish to a node that does not exist yet inserts it in the same transaction. When two
 * publishes race to create one node, H2 does not make the second insert wait and succeed: it waits for the first
 * transaction and then fails with a unique violation. The store takes that as "someone else created it", which
 * rolls back only the failed statement, and locks the now committed row instead (see {@link #lockOrCreate}).
 *
 * <p>Node and item names are compared exactly, as XEP-0060 ids are. Reads take no locks. An owner who is no account
 * is refused by the foreign key, which surfaces as a {@link StorageException}.
 */
public final class H2PepStore implements PepStore {

    /** Creates that lose a race to a create committed first, then to a delete, then ...: give up after this many. */
    private static final int CREATE_ATTEMPTS = 5;

    private final Transactions transactions;
    private final Clock clock;

    /**
     * @param dataSource a data source over a database migrated to at least schema version 5
     * @param clock the server's clock, for {@code pep_node.created_at}
     */
    public H2PepStore(DataSource dataSource, Clock clock) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<PepNode> node(BareJid owner, String name) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        return transactions.withConnection("read PEP node " + name + " of " + owner, connection -> {
            try (PreparedStatement select = PepRows.keyed(connection, PepRows.NODE, owner, name);
                    ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new PepNode(owner, name, PepRows.config(row))) : Optional.empty();
            }
        });
    }

    @Override
    public List<PepNode> nodes(BareJid owner) {
        Objects.requireNonNull(owner, "owner");
        return transactions.withConnection("read the PEP nodes of " + owner, connection -> {
            List<PepNode> nodes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(PepRows.NODES)) {
                select.setString(1, owner.toString());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        nodes.add(new PepNode(owner, rows.getString("node"), PepRows.config(rows)));
                    }
                }
            }
            return List.copyOf(nodes);
        });
    }

    @Override
    public boolean create(PepNode node) {
        Objects.requireNonNull(node, "node");
        return transactions.withConnection("create PEP node " + node.name() + " of " + node.owner(),
                connection -> PepRows.insertNode(connection, node, clock.instant()));
    }

    @Override
    public PepNode publish(BareJid owner, String name, NodeConfig ifAbsent, PepItem item) {
        PepNode wanted = new PepNode(owner, name, ifAbsent); // checks owner, name and config
        Objects.requireNonNull(item, "item");
        return transactions.inTransaction("publish item " + item.id() + " to PEP node " + name + " of " + owner,
                connection -> {
                    NodeConfig config = lockOrCreate(connection, wanted);
                    // A republished id is replaced by a new row, whose new seq makes it the newest.
                    PepRows.deleteItem(connection, owner, name, item.id());
                    PepRows.insertItem(connection, owner, name, item);
                    PepRows.trim(connection, owner, name, config.maxItems());
                    return new PepNode(owner, name, config);
                });
    }

    /**
     * Locks the node's row, inserting it with the wanted configuration first if there is none, and returns the
     * node's configuration. A failed insert means another transaction created the node and committed, so the next
     * round finds and locks it; only if it is deleted again in between does another round follow.
     */
    private NodeConfig lockOrCreate(Connection connection, PepNode wanted) throws SQLException {
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
            Optional<NodeConfig> existing = PepRows.lockNode(connection, wanted.owner(), wanted.name());
            if (existing.isPresent()) {
                return existing.get();
            }
            if (PepRows.insertNode(connection, wanted, clock.instant())) {
                return wanted.config(); // our own uncommitted row: no one else can lock it before we commit
            }
        }
        throw new StorageException("PEP node " + wanted.name() + " of " + wanted.owner()
                + " kept being created and deleted by others; gave up after " + CREATE_ATTEMPTS + " attempts");
    }

    @Override
    public List<PepItem> items(BareJid owner, String name, int max) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, was " + max);
        }
        return transactions.withConnection("read the items of PEP node " + name + " of " + owner, connection -> {
            try (PreparedStatement select = PepRows.keyed(connection, PepRows.NEWEST, owner, name)) {
                select.setInt(3, max);
                return PepRows.items(select);
            }
        });
    }

    @Override
    public List<PepItem> items(BareJid owner, String name, Collection<String> ids) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        String[] wanted = List.copyOf(ids).toArray(String[]::new); // List.copyOf rejects null ids
        if (wanted.length == 0) {
            return List.of();
        }
        return transactions.withConnection("read items of PEP node " + name + " of " + owner, connection -> {
            try (PreparedStatement select = PepRows.keyed(connection, PepRows.WITH_IDS, owner, name)) {
                select.setObject(3, wanted);
                return PepRows.items(select);
            }
        });
    }

    @Override
    public boolean retract(BareJid owner, String name, String itemId) {
        Objects.requireNonNull(itemId, "itemId");
        return changeNode("retract item " + itemId + " from", owner, name,
                connection -> PepRows.deleteItem(connection, owner, name, itemId));
    }

    @Override
    public boolean configure(BareJid owner, String name, NodeConfig config) {
        Objects.requireNonNull(config, "config");
        return changeNode("configure", owner, name, connection -> {
            PepRows.configure(connection, owner, name, config);
            PepRows.trim(connection, owner, name, config.maxItems());
            return true;
        });
    }

    @Override
    public boolean purge(BareJid owner, String name) {
        return changeNode("purge", owner, name, connection -> {
            PepRows.deleteItems(connection, owner, name);
            return true;
        });
    }

    @Override
    public boolean delete(BareJid owner, String name) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        return transactions.withConnection("delete PEP node " + name + " of " + owner, connection -> {
            try (PreparedStatement delete = PepRows.keyed(connection, PepRows.DELETE_NODE, owner, name)) {
                return delete.executeUpdate() > 0; // the items go by cascade
            }
        });
    }

    /** A change of an existing node, made while holding the node's lock. */
    @FunctionalInterface
    private interface NodeChange {
        boolean apply(Connection connection) throws SQLException;
    }

    /** Runs {@code change} in one transaction holding the node's lock; false, without running it, for no node. */
    private boolean changeNode(String what, BareJid owner, String name, NodeChange change) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        return transactions.inTransaction(what + " PEP node " + name + " of " + owner, connection -> {
            return PepRows.lockNode(connection, owner, name).isPresent() && change.apply(connection);
        });
    }
}
