package org.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionsTest {

    private Database database;
    private Transactions transactions;

    @BeforeEach
    void openDatabase() {
        database = Database.openInMemory("transactions-" + UUID.randomUUID(), 2);
        transactions = new Transactions(database.dataSource());
        // A scratch table: these tests are about commit and rollback, not about any feature's schema.
        transactions.withConnection("create scratch table", c -> update(c, "CREATE TABLE scratch (n INT)"));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void commitsAllStatementsWhenTheWorkReturns() {
        int result = transactions.inTransaction("insert two rows", c -> {
            update(c, "INSERT INTO scratch VALUES (1)");
            return update(c, "INSERT INTO scratch VALUES (2)");
        });

        assertThat(result).isEqualTo(1);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void rollsBackAndRethrowsARuntimeException() {
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> transactions.inTransaction("insert then fail", c -> {
            update(c, "INSERT INTO scratch VALUES (1)");
            throw failure;
        })).isSameAs(failure);
        assertThat(rows()).isZero();
    }

    @Test
    void rollsBackAndWrapsAnSqlException() {
        assertThatThrownBy(() -> transactions.inTransaction("insert into scratch", c -> {
            update(c, "INSERT INTO scratch VALUES (1)");
            return update(c, "INSERT INTO no_such_table VALUES (2)");
        }))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to insert into scratch")
                .hasCauseInstanceOf(SQLException.class);
        assertThat(rows()).isZero();
    }

    @Test
    void returnsConnectionsInAutoCommitMode() throws SQLException {
        transactions.inTransaction("nothing", c -> 0);

        try (Connection connection = database.dataSource().getConnection()) {
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }

    @Test
    void withConnectionWrapsSqlExceptions() {
        assertThatThrownBy(() -> transactions.withConnection("read nothing", c -> update(c, "SELECT * FROM nowhere")))
                .isInstanceOf(StorageException.class)
                .hasMessage("failed to read nothing")
                .hasCauseInstanceOf(SQLException.class);
    }

    private long rows() {
        return transactions.withConnection("count rows", c -> {
            try (Statement statement = c.createStatement();
                    ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM scratch")) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private static int update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }
}
