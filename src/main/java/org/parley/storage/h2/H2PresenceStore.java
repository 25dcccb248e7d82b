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
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.parley.presence.PresenceStore;
import org.parley.presence.PresenceWrite;
import org.parley.storage.StorageException;
import org.parley.storage.Transactions;
import org.parley.xmpp.BareJid;

/**
 * {@link PresenceStore} over the tables of migration {@code V4__create_presence.sql}: {@code server_process},
 * {@code online_resource} and {@code last_presence}.
 *
 * <p>{@link #online(BareJid, String, Instant)} and {@link #offline} each run in one transaction that first locks the
 * user's {@code account} row ({@code SELECT ... FOR UPDATE}), as {@link H2OfflineStore} does. Without it, two
 * resources of one user going offline at once could each still see the other's row (neither delete is committed
 * yet), and neither would keep the last presence. The lock makes them take turns, so the second one sees that it
 * is the last. Users do not wait for each other.
 *
 * <p>An account deleted while its user was online has lost its rows by cascade; going offline then records nothing,
 * since there is no one left to remember it for. Coming online for a JID that is no account is refused with a
 * {@link StorageException}: the session logged in, so the account went in between, a lost race.
 */
public final class H2PresenceStore implements PresenceStore {

    private static final String LOCK_OWNER = "SELECT jid FROM account WHERE jid = ? FOR UPDATE";
    private static final String RECORD_SERVER = "MERGE INTO server_process (id, pid, started_at) KEY (id)"
            + " VALUES (1, ?, ?)";
    private static final String CLEAR_ONLINE = "DELETE FROM online_resource";
    private static final String SERVER_PID = "SELECT pid FROM server_process WHERE id = 1";
    private static final String PUT_ONLINE = "MERGE INTO online_resource (owner_jid, resource, since)"
            + " KEY (owner_jid, resource) VALUES (?, ?, ?)";
    private static final String DELETE_ONLINE = "DELETE FROM online_resource WHERE owner_jid = ? AND resource = ?";
    private static final String ANY_ONLINE = "SELECT 1 FROM online_resource WHERE owner_jid = ? FETCH FIRST 1 ROW ONLY";
    private static final String PUT_LAST = "MERGE INTO last_presence (owner_jid, stanza, at) KEY (owner_jid)"
            + " VALUES (?, ?, ?)";
    private static final String ALL_ONLINE = "SELECT owner_jid, resource, since FROM online_resource"
            + " ORDER BY owner_jid, resource";
    private static final String LAST = "SELECT stanza, at FROM last_presence WHERE owner_jid = ?";

    private final Transactions transactions;

    /** @param dataSource a data source over a database migrated to at least schema version 4 */
    public H2PresenceStore(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void serverStarted(long pid, Instant at) {
        if (pid <= 0) {
            throw new IllegalArgumentException("a process id is positive, was " + pid);
        }
        Objects.requireNonNull(at, "at");
        transactions.inTransaction("record the start of server process " + pid, connection -> {
            try (PreparedStatement merge = connection.prepareStatement(RECORD_SERVER)) {
                merge.setLong(1, pid);
                merge.setObject(2, utc(at));
                merge.executeUpdate();
            }
            try (PreparedStatement clear = connection.prepareStatement(CLEAR_ONLINE)) {
                clear.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public OptionalLong serverPid() {
        return transactions.withConnection("read the server process id", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SERVER_PID);
                    ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        });
    }

    @Override
    public void online(BareJid user, String resource, Instant since) {
        write(List.of(new PresenceWrite.Online(user, resource, since)));
    }

    @Override
    public void offline(BareJid user, String resource, String unavailableStanza, Instant at) {
        write(List.of(new PresenceWrite.Offline(user, resource, unavailableStanza, at)));
    }

    /** All the writes in one transaction, in order: all of them or, when one fails, none. */
    @Override
    public void write(List<PresenceWrite> writes) {
        List<PresenceWrite> copy = List.copyOf(writes);
        if (copy.isEmpty()) {
            return;
        }
        transactions.inTransaction(describe(copy), connection -> {
            for (PresenceWrite write : copy) {
                if (write instanceof PresenceWrite.Online online) {
                    online(connection, online);
                } else if (write instanceof PresenceWrite.Offline offline) {
                    offline(connection, offline);
                }
            }
            return null;
        });
    }

    private static String describe(List<PresenceWrite> writes) {
        if (writes.size() > 1) {
            return "record " + writes.size() + " presence changes";
        }
        PresenceWrite write = writes.get(0);
        return "record " + write.user() + "/" + write.resource() + " as "
                + (write instanceof PresenceWrite.Online ? "online" : "offline");
    }

    private static void online(Connection connection, PresenceWrite.Online write) throws SQLException {
        if (!lockOwner(connection, write.user())) {
            throw new StorageException("cannot record " + write.user() + "/" + write.resource()
                    + " as online: no such account");
        }
        try (PreparedStatement merge = connection.prepareStatement(PUT_ONLINE)) {
            merge.setString(1, write.user().toString());
            merge.setString(2, write.resource());
            merge.setObject(3, utc(write.since()));
            merge.executeUpdate();
        }
    }

    private static void offline(Connection connection, PresenceWrite.Offline write) throws SQLException {
        BareJid user = write.user();
        if (!lockOwner(connection, user)) {
            return; // the account is gone, and its rows with it
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE_ONLINE)) {
            delete.setString(1, user.toString());
            delete.setString(2, write.resource());
            delete.executeUpdate();
        }
        if (anyOnline(connection, user)) {
            return;
        }
        try (PreparedStatement merge = connection.prepareStatement(PUT_LAST)) {
            merge.setString(1, user.toString());
            merge.setString(2, write.unavailableStanza());
            merge.setObject(3, utc(write.at()));
            merge.executeUpdate();
        }
    }

    /** Locks the account row of {@code user} for the rest of the transaction; false when there is no such account. */
    private static boolean lockOwner(Connection connection, BareJid user) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_OWNER)) {
            select.setString(1, user.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static boolean anyOnline(Connection connection, BareJid user) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ANY_ONLINE)) {
            select.setString(1, user.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    @Override
    public List<OnlineResource> online() {
        return transactions.withConnection("read the online resources", connection -> {
            List<OnlineResource> online = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(ALL_ONLINE);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    online.add(new OnlineResource(parseJid(rows.getString("owner_jid")),
                            rows.getString("resource"), instant(rows, "since")));
                }
            }
            return List.copyOf(online);
        });
    }

    @Override
    public Optional<LastPresence> last(BareJid user) {
        Objects.requireNonNull(user, "user");
        return transactions.withConnection("read the last presence of " + user, connection -> {
            try (PreparedStatement select = connection.prepareStatement(LAST)) {
                select.setString(1, user.toString());
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new LastPresence(user, row.getString("stanza"), instant(row, "at")))
                            : Optional.empty();
                }
            }
        });
    }

    private static BareJid parseJid(String stored) {
        try {
            return BareJid.parse(stored);
        } catch (IllegalArgumentException e) {
            // Only canonical JIDs are ever written, so this is a damaged row, not bad input.
            throw new StorageException("the online_resource table holds an invalid JID '" + stored + "'", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
