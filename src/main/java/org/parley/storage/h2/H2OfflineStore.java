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
import java.util.Objects;
import javax.sql.DataSource;
import org.parley.offline.OfflineMessage;
import org.parley.offline.OfflineQuota;
import org.parley.offline.OfflineStore;
import org.parley.storage.StorageException;
import org.parley.storage.Transactions;
import org.parley.xmpp.BareJid;

/**
 * {@link OfflineStore} over the {@code offline_message} table (migration {@code V3__create_offline_message.sql}).
 *
 * <p>{@link #store} runs in one transaction that first locks the owner's {@code account} row with
 * {@code SELECT ... FOR UPDATE}. That row is the per-owner lock: concurrent stores for one owner take turns, so
 * each one counts the queue after the previous one committed, and the quota holds exactly; stores for different
 * owners do not wait for each other. It also orders one owner's identity values by arrival. The reads and the
 * delete are single statements in auto-commit mode.
 */
public final class H2OfflineStore implements OfflineStore {

    private static final String LOCK_OWNER = "SELECT jid FROM account WHERE jid = ? FOR UPDATE";
    private static final String TOTALS =
            "SELECT COUNT(*), COALESCE(SUM(stanza_bytes), 0) FROM offline_message WHERE owner_jid = ?";
    private static final String INSERT = "INSERT INTO offline_message"
            + " (owner_jid, from_jid, stanza, stanza_bytes, received_at) VALUES (?, ?, ?, ?, ?)";
    private static final String PEEK = "SELECT id, from_jid, stanza, received_at FROM offline_message"
            + " WHERE owner_jid = ? ORDER BY id FETCH FIRST ? ROWS ONLY";
    private static final String DELETE = "DELETE FROM offline_message WHERE owner_jid = ? AND id <= ?";

    private final Transactions transactions;

    /** @param dataSource a data source over a database migrated to at least schema version 3 */
    public H2OfflineStore(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public StoreResult store(BareJid owner, String from, String stanza, Instant receivedAt, OfflineQuota quota) {
        Objects.requireNonNull(owner, "owner");
        OfflineMessage.requireContent(from, stanza);
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(quota, "quota");
        long size = OfflineQuota.sizeOf(stanza);
        if (size > Integer.MAX_VALUE) {
            return new OverQuota(); // larger than the column can count; no sane quota admits it anyway
        }
        return transactions.inTransaction("store an offline message for " + owner, connection -> {
            lockOwner(connection, owner);
            Totals totals = totals(connection, owner);
            if (!quota.admits(totals.count(), totals.bytes(), size)) {
                return new OverQuota();
            }
            return new Stored(insert(connection, owner, from, stanza, (int) size, receivedAt));
        });
    }

    @Override
    public List<StoreResult> storeAll(List<StoreRequest> requests) {
        for (StoreRequest r : requests) {
            OfflineMessage.requireContent(r.from(), r.stanza());
        }
        return transactions.inTransaction("store " + requests.size() + " offline messages", connection -> {
            List<StoreResult> results = new ArrayList<>(requests.size());
            for (StoreRequest r : requests) {
                long size = OfflineQuota.sizeOf(r.stanza());
                if (size > Integer.MAX_VALUE) {
                    results.add(new OverQuota());
                } else if (!ownerLocked(connection, r.owner())) {
                    results.add(new NoSuchAccount());
                } else {
                    Totals totals = totals(connection, r.owner());
                    results.add(!r.quota().admits(totals.count(), totals.bytes(), size) ? new OverQuota()
                            : new Stored(insert(connection, r.owner(), r.from(), r.stanza(), (int) size,
                                    r.receivedAt())));
                }
            }
            return List.copyOf(results);
        });
    }

    private static boolean ownerLocked(Connection connection, BareJid owner) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_OWNER)) {
            select.setString(1, owner.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void lockOwner(Connection connection, BareJid owner) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_OWNER)) {
            select.setString(1, owner.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    // The router found the account, so it was deleted since: a lost race, not bad input.
                    throw new StorageException("cannot store an offline message for " + owner + ": no such account");
                }
            }
        }
    }

    /** One owner's queue size, in messages and in UTF-8 bytes. */
    private record Totals(long count, long bytes) {}

    private static Totals totals(Connection connection, BareJid owner) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(TOTALS)) {
            select.setString(1, owner.toString());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Totals(row.getLong(1), row.getLong(2));
            }
        }
    }

    private static long insert(Connection connection, BareJid owner, String from, String stanza, int size,
            Instant receivedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"ID"})) {
            insert.setString(1, owner.toString());
            insert.setString(2, from);
            insert.setString(3, stanza);
            insert.setInt(4, size);
            insert.setObject(5, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new StorageException("H2 returned no id for the offline message stored for " + owner);
                }
                return keys.getLong(1);
            }
        }
    }

    @Override
    public List<OfflineMessage> peek(BareJid owner, int limit) {
        Objects.requireNonNull(owner, "owner");
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, was " + limit);
        }
        return transactions.withConnection("read the offline messages of " + owner, connection -> {
            List<OfflineMessage> messages = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(PEEK)) {
                select.setString(1, owner.toString());
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        messages.add(new OfflineMessage(rows.getLong("id"), owner, rows.getString("from_jid"),
                                rows.getString("stanza"),
                                rows.getObject("received_at", OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return List.copyOf(messages);
        });
    }

    @Override
    public int delete(BareJid owner, long upToIdInclusive) {
        Objects.requireNonNull(owner, "owner");
        return transactions.withConnection("delete the delivered offline messages of " + owner, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setString(1, owner.toString());
                delete.setLong(2, upToIdInclusive);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public long count(BareJid owner) {
        Objects.requireNonNull(owner, "owner");
        return transactions.withConnection("count the offline messages of " + owner,
                connection -> totals(connection, owner).count());
    }

    @Override
    public long bytes(BareJid owner) {
        Objects.requireNonNull(owner, "owner");
        return transactions.withConnection("sum the offline message sizes of " + owner,
                connection -> totals(connection, owner).bytes());
    }
}
