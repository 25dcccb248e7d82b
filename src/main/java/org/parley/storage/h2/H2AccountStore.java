package org.parley.storage.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.parley.account.AccountCredentials;
import org.parley.account.AccountStore;
import org.parley.account.ScramCredentials;
import org.parley.account.ScramHash;
import org.parley.storage.StorageException;
import org.parley.storage.Transactions;
import org.parley.xmpp.BareJid;

/**
 * {@link AccountStore} over the {@code account} table (migration {@code V1__create_account.sql}).
 *
 * <p>Every operation is a single statement in auto-commit mode, so each is atomic by itself; in particular two
 * concurrent creates of one JID are decided by the primary key. Failures are {@link StorageException}s.
 */
public final class H2AccountStore implements AccountStore {

    /** SQLSTATE of a unique or primary key violation (SQL standard; H2 {@code DUPLICATE_KEY_1}). */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String COLUMNS = "jid, created_at,"
            + " sha1_salt, sha1_iterations, sha1_stored_key, sha1_server_key,"
            + " sha256_salt, sha256_iterations, sha256_stored_key, sha256_server_key";

    private static final String INSERT = "INSERT INTO account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM account WHERE jid = ?";
    private static final String UPDATE_CREDENTIALS = "UPDATE account SET"
            + " sha1_salt = ?, sha1_iterations = ?, sha1_stored_key = ?, sha1_server_key = ?,"
            + " sha256_salt = ?, sha256_iterations = ?, sha256_stored_key = ?, sha256_server_key = ?"
            + " WHERE jid = ?";
    private static final String DELETE = "DELETE FROM account WHERE jid = ?";
    private static final String EXISTS = "SELECT 1 FROM account WHERE jid = ?";
    // H2's default collation compares VARCHAR with String.compareTo, the order the AccountStore contract promises.
    private static final String LIST = "SELECT jid FROM account ORDER BY jid";
    private static final String COUNT = "SELECT COUNT(*) FROM account";

    private final Transactions transactions;

    /** @param dataSource a data source over a database migrated to at least schema version 1 */
    public H2AccountStore(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public boolean create(AccountCredentials account) {
        Objects.requireNonNull(account, "account");
        return transactions.withConnection("create account " + account.jid(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, account.jid().toString());
                insert.setObject(2, OffsetDateTime.ofInstant(account.createdAt(), ZoneOffset.UTC));
                bindCredentials(insert, 3, account.sha1());
                bindCredentials(insert, 7, account.sha256());
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false; // the expected outcome when the JID is taken, not a failure
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<AccountCredentials> find(BareJid jid) {
        Objects.requireNonNull(jid, "jid");
        return transactions.withConnection("read account " + jid, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
                select.setString(1, jid.toString());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(toAccount(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean updateCredentials(BareJid jid, ScramCredentials sha1, ScramCredentials sha256) {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(sha1, "sha1").requireHash(ScramHash.SHA_1);
        Objects.requireNonNull(sha256, "sha256").requireHash(ScramHash.SHA_256);
        return transactions.withConnection("update the credentials of account " + jid, connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE_CREDENTIALS)) {
                bindCredentials(update, 1, sha1);
                bindCredentials(update, 5, sha256);
                update.setString(9, jid.toString());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(BareJid jid) {
        Objects.requireNonNull(jid, "jid");
        return transactions.withConnection("delete account " + jid, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setString(1, jid.toString());
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean exists(BareJid jid) {
        Objects.requireNonNull(jid, "jid");
        return transactions.withConnection("look up account " + jid, connection -> {
            try (PreparedStatement select = connection.prepareStatement(EXISTS)) {
                select.setString(1, jid.toString());
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public List<BareJid> list() {
        return transactions.withConnection("list accounts", connection -> {
            List<BareJid> jids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(LIST);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    jids.add(parseJid(rows.getString(1)));
                }
            }
            return List.copyOf(jids);
        });
    }

    @Override
    public long count() {
        return transactions.withConnection("count accounts", H2AccountStore::count);
    }

    private static long count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(COUNT);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Binds salt, iterations, stored key and server key to four consecutive parameters from {@code first}. */
    static void bindCredentials(PreparedStatement statement, int first, ScramCredentials credentials)
            throws SQLException {
        statement.setBytes(first, credentials.salt());
        statement.setInt(first + 1, credentials.iterations());
        statement.setBytes(first + 2, credentials.storedKey());
        statement.setBytes(first + 3, credentials.serverKey());
    }

    private static AccountCredentials toAccount(ResultSet row) throws SQLException {
        return new AccountCredentials(
                parseJid(row.getString("jid")),
                readCredentials(row, ScramHash.SHA_1, "sha1_"),
                readCredentials(row, ScramHash.SHA_256, "sha256_"),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static ScramCredentials readCredentials(ResultSet row, ScramHash hash, String prefix)
            throws SQLException {
        return new ScramCredentials(hash, row.getBytes(prefix + "salt"), row.getInt(prefix + "iterations"),
                row.getBytes(prefix + "stored_key"), row.getBytes(prefix + "server_key"));
    }

    private static BareJid parseJid(String stored) {
        try {
            return BareJid.parse(stored);
        } catch (IllegalArgumentException e) {
            // Only canonical JIDs are ever written, so this is a damaged row, not bad input.
            throw new StorageException("the account table holds an invalid JID '" + stored + "'", e);
        }
    }
}
