package org.parley.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Runs JDBC work on a pooled connection and turns {@link SQLException} into {@link StorageException} in one
 * place, so that stores neither swallow nor re-label SQL errors.
 *
 * <p>Transactions do not nest: work passed to {@link #inTransaction} gets its own connection and must do all its
 * statements on that connection.
 */
public final class Transactions {

    /**
     * A unit of JDBC work.
     *
     * @param <T> what the work returns
     */
    @FunctionalInterface
    public interface SqlWork<T> {
        /** Does the work on {@code connection}, which the caller owns: do not close it. */
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    /** @param dataSource usually {@link Database#dataSource()} */
    public Transactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws anything.
     *
     * @param what what the work does, for the exception message, e.g. {@code "update roster of a@b"}
     * @throws StorageException wrapping any {@link SQLException}; other exceptions pass through after rollback
     */
    public <T> T inTransaction(String what, SqlWork<T> work) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(work, "work");
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StorageException("failed to " + what, e);
        }
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode: for a single statement, or reads that need no
     * consistent snapshot.
     *
     * @param what what the work does, for the exception message
     * @throws StorageException wrapping any {@link SQLException}
     */
    public <T> T withConnection(String what, SqlWork<T> work) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(work, "work");
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException("failed to " + what, e);
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            // The original failure is what the caller must see; the rollback failure travels along with it.
            failure.addSuppressed(rollbackFailure);
        }
    }
}
