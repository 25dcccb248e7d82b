package org.parley.storage.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;
import org.parley.archive.ArchivePrefs;
import org.parley.archive.ArchiveStore;
import org.parley.archive.ArchivedMessage;
import org.parley.storage.StorageException;
import org.parley.storage.Transactions;
import org.parley.xmpp.BareJid;

/**
 * {@link ArchiveStore} over {@code archive_message}, {@code archive_prefs} and {@code archive_prefs_jid} (migration
 * {@code V7__create_archive.sql}). Reads are single statements along the (owner, id) indexes; {@link #appendAll} is
 * one transaction, whose inserts skip an owner without an account instead of failing the batch on the foreign key.
 */
public final class H2ArchiveStore implements ArchiveStore {

    private static final String INSERT = "INSERT INTO archive_message"
            + " (owner_jid, with_jid, with_resource, outgoing, received_at, stanza)"
            + " SELECT ?, ?, ?, ?, ?, ? FROM account WHERE jid = ?";
    private static final String CAP_THRESHOLD = "SELECT id FROM archive_message WHERE owner_jid = ?"
            + " ORDER BY id DESC OFFSET ? ROWS FETCH NEXT 1 ROW ONLY";
    private static final String CAP_DELETE = "DELETE FROM archive_message WHERE owner_jid = ? AND id <= ?";
    private static final String COLUMNS = "id, with_jid, outgoing, received_at, stanza";
    private static final String EXISTING = "SELECT id FROM archive_message WHERE owner_jid = ? AND id = ANY(?)";
    private static final String FIRST_FROM = "SELECT id FROM archive_message WHERE owner_jid = ? AND received_at >= ?"
            + " ORDER BY received_at, id FETCH FIRST 1 ROW ONLY";
    private static final String LAST_UNTIL = "SELECT id FROM archive_message WHERE owner_jid = ? AND received_at <= ?"
            + " ORDER BY received_at DESC, id DESC FETCH FIRST 1 ROW ONLY";
    private static final String DELETE_ONE = "DELETE FROM archive_message WHERE owner_jid = ? AND id = ?";
    private static final String OLDEST = "SELECT id, received_at FROM archive_message ORDER BY id FETCH FIRST ? ROWS ONLY";
    private static final String DELETE_IDS = "DELETE FROM archive_message WHERE id = ANY(?)";
    private static final String LATEST = "SELECT received_at FROM archive_message ORDER BY id DESC FETCH FIRST 1 ROW ONLY";

    private final Transactions transactions;

    /** @param dataSource a data source over a database migrated to at least schema version 7 */
    public H2ArchiveStore(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public List<Long> appendAll(List<Append> appends, int maxPerUser) {
        if (appends.isEmpty()) {
            return List.of();
        }
        return transactions.inTransaction("archive " + appends.size() + " messages", connection -> {
            List<Long> ids = new ArrayList<>(appends.size());
            Set<BareJid> owners = new LinkedHashSet<>();
            try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"ID"})) {
                for (Append a : appends) {
                    insert.setString(1, a.owner().toString());
                    insert.setString(2, a.with());
                    if (a.withResource() == null) {
                        insert.setNull(3, Types.VARCHAR);
                    } else {
                        insert.setString(3, a.withResource());
                    }
                    insert.setBoolean(4, a.outgoing());
                    insert.setObject(5, OffsetDateTime.ofInstant(a.at(), ZoneOffset.UTC));
                    insert.setString(6, a.stanza());
                    insert.setString(7, a.owner().toString());
                    if (insert.executeUpdate() == 0) {
                        ids.add(NOT_KEPT); // no such account (any more)
                        continue;
                    }
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        if (!keys.next()) {
                            throw new StorageException("H2 returned no id for an archived message of " + a.owner());
                        }
                        ids.add(keys.getLong(1));
                    }
                    owners.add(a.owner());
                }
            }
            if (maxPerUser > 0) {
                for (BareJid owner : owners) {
                    cap(connection, owner, maxPerUser);
                }
            }
            return List.copyOf(ids);
        });
    }

    /** Deletes {@code owner}'s oldest messages beyond the newest {@code max}. */
    private static void cap(Connection connection, BareJid owner, int max) throws SQLException {
        long threshold;
        try (PreparedStatement select = connection.prepareStatement(CAP_THRESHOLD)) {
            select.setString(1, owner.toString());
            select.setInt(2, max);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return; // at most max messages
                }
                threshold = row.getLong(1);
            }
        }
        try (PreparedStatement delete = connection.prepareStatement(CAP_DELETE)) {
            delete.setString(1, owner.toString());
            delete.setLong(2, threshold);
            delete.executeUpdate();
        }
    }

    @Override
    public List<ArchivedMessage> read(BareJid owner, Range range, boolean newestFirst, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, was " + limit);
        }
        String sql = "SELECT " + COLUMNS + " FROM archive_message" + where(range) + " ORDER BY id"
                + (newestFirst ? " DESC" : "") + " FETCH FIRST ? ROWS ONLY";
        return transactions.withConnection("read the archive of " + owner, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int i = bind(select, owner, range);
                select.setInt(i, limit);
                List<ArchivedMessage> messages = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        messages.add(new ArchivedMessage(rows.getLong(1), rows.getString(2), rows.getBoolean(3),
                                rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getString(5)));
                    }
                }
                return List.copyOf(messages);
            }
        });
    }

    @Override
    public long count(BareJid owner, Range range) {
        String sql = "SELECT COUNT(*) FROM archive_message" + where(range);
        return transactions.withConnection("count the archive of " + owner, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                bind(select, owner, range);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    private static String where(Range range) {
        StringBuilder sql = new StringBuilder(" WHERE owner_jid = ? AND id BETWEEN ? AND ?");
        if (range.with() != null) {
            sql.append(" AND with_jid = ?");
        }
        if (range.withResource() != null) {
            sql.append(" AND with_resource = ?");
        }
        if (range.ids() != null) {
            sql.append(" AND id = ANY(?)");
        }
        return sql.toString();
    }

    /** Binds what {@link #where} asks for; returns the next parameter index. */
    private static int bind(PreparedStatement statement, BareJid owner, Range range) throws SQLException {
        int i = 1;
        statement.setString(i++, owner.toString());
        statement.setLong(i++, range.fromId());
        statement.setLong(i++, range.toId());
        if (range.with() != null) {
            statement.setString(i++, range.with());
        }
        if (range.withResource() != null) {
            statement.setString(i++, range.withResource());
        }
        if (range.ids() != null) {
            statement.setObject(i++, range.ids().toArray(new Long[0]));
        }
        return i;
    }

    @Override
    public Set<Long> existing(BareJid owner, Set<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return transactions.withConnection("look ids up in the archive of " + owner, connection -> {
            try (PreparedStatement select = connection.prepareStatement(EXISTING)) {
                select.setString(1, owner.toString());
                select.setObject(2, ids.toArray(new Long[0]));
                Set<Long> found = new HashSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getLong(1));
                    }
                }
                return Set.copyOf(found);
            }
        });
    }

    @Override
    public OptionalLong firstIdFrom(BareJid owner, Instant start) {
        return idAt(FIRST_FROM, owner, start);
    }

    @Override
    public OptionalLong lastIdUntil(BareJid owner, Instant end) {
        return idAt(LAST_UNTIL, owner, end);
    }

    private OptionalLong idAt(String sql, BareJid owner, Instant stamp) {
        return transactions.withConnection("find a stamp in the archive of " + owner, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, owner.toString());
                select.setObject(2, OffsetDateTime.ofInstant(stamp, ZoneOffset.UTC));
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    @Override
    public boolean delete(BareJid owner, long id) {
        return transactions.withConnection("delete a message from the archive of " + owner, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_ONE)) {
                delete.setString(1, owner.toString());
                delete.setLong(2, id);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        return transactions.inTransaction("delete expired archived messages", connection -> {
            List<Long> expired = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(OLDEST)) {
                select.setInt(1, limit);
                try (ResultSet rows = select.executeQuery()) {
                    // the lowest ids are the oldest stamps: the first one not expired ends the batch
                    while (rows.next() && rows.getObject(2, OffsetDateTime.class).toInstant().isBefore(cutoff)) {
                        expired.add(rows.getLong(1));
                    }
                }
            }
            if (expired.isEmpty()) {
                return 0;
            }
            try (PreparedStatement delete = connection.prepareStatement(DELETE_IDS)) {
                delete.setObject(1, expired.toArray(new Long[0]));
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Instant> latestStamp() {
        return transactions.withConnection("read the latest archive stamp", connection -> {
            try (PreparedStatement select = connection.prepareStatement(LATEST);
                    ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, OffsetDateTime.class).toInstant())
                        : Optional.<Instant>empty();
            }
        });
    }

    @Override
    public Optional<ArchivePrefs> prefs(BareJid owner) {
        return transactions.withConnection("read the archive preferences of " + owner,
                connection -> ArchivePrefsRows.read(connection, owner));
    }

    @Override
    public boolean setPrefs(BareJid owner, ArchivePrefs prefs) {
        return transactions.inTransaction("set the archive preferences of " + owner,
                connection -> ArchivePrefsRows.write(connection, owner, prefs));
    }
}
