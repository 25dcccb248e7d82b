package org.parley.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parley database: an H2 database behind a HikariCP pool, migrated by Flyway to the newest schema when it is
 * opened. Stores get their connections from {@link #dataSource()}; closing this closes the pool, and with the
 * last connection H2 closes the file.
 */
public final class Database implements AutoCloseable {

    /** Name of the H2 database inside the data directory; H2 adds {@code .mv.db}. */
    public static final String FILE_NAME = "parley";

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Flyway's checksum validation stays on (its default): an edited, already-applied migration stops startup. */
    private static final String MIGRATIONS = "classpath:db/migration";

    /** H2's default administrator; the file is protected by file-system permissions, not by a password. */
    private static final String USER = "sa";

    private final HikariDataSource pool;
    private final String schemaVersion;
    private final String url;
    private final String where;
    private final boolean inMemory;

    private Database(HikariDataSource pool, String schemaVersion, String url, String where, boolean inMemory) {
        this.pool = pool;
        this.schemaVersion = schemaVersion;
        this.url = url;
        this.where = where;
        this.inMemory = inMemory;
    }

    /**
     * Opens (creating if missing) the file database {@code dataDir/parley} and migrates it.
     *
     * <p>{@code AUTO_SERVER=TRUE}: the first process to open the file serves it over a loopback TCP port, so the
     * admin CLI can open the same directory while the server runs.
     *
     * @throws StorageException when the directory cannot be created, the database cannot be opened, or the
     *     migration fails
     */
    public static Database openFile(Path dataDir, int poolSize) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.toString().indexOf(';') >= 0) {
            // H2 would read the rest of the path as URL settings.
            throw new IllegalArgumentException("the data directory path may not contain ';': " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create the data directory " + dir, e);
        }
        keepAutoServerOnLoopback();
        // WRITE_DELAY=0: a commit reaches the file before it returns. H2's default writes commits up to 500 ms
        // later, so a kill -9 could lose an account, a roster change or an offline message already acknowledged.
        String url = "jdbc:h2:file:" + dir.resolve(FILE_NAME) + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        return open(url, dir.resolve(FILE_NAME).toString(), false, poolSize);
    }

    /**
     * AUTO_SERVER lets the admin CLI share the open database file through a TCP server that H2 starts inside the
     * Parley process. H2 binds it to every interface unless {@code h2.bindAddress} says otherwise; only processes
     * on this machine need it, so it is kept on loopback (an operator's own setting of the property wins). H2
     * reads the property once, when its first class loads, so this runs before any H2 use.
     */
    private static void keepAutoServerOnLoopback() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /**
     * Opens (creating if missing) a named in-memory database, for tests. {@code DB_CLOSE_DELAY=-1} keeps it alive
     * while the pool recycles connections; {@link #close()} drops it. Tests use unique names, since another
     * open instance with the same name would share, and lose, the same database.
     */
    public static Database openInMemory(String name, int poolSize) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf(';') >= 0) {
            throw new IllegalArgumentException("not a usable in-memory database name: '" + name + "'");
        }
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "in-memory database " + name, true, poolSize);
    }

    private static Database open(String url, String where, boolean inMemory, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool size must be at least 1, was " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley");
        config.setJdbcUrl(url);
        config.setUsername(USER);
        config.setPassword("");
        config.setMaximumPoolSize(poolSize);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StorageException("cannot open the database " + where, e);
        }
        try {
            String version = migrate(url, where);
            return new Database(pool, version, url, where, inMemory);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Migrates over Flyway's own, unpooled connections: Flyway holds two at once (one for its history table, one
     * for the migration), which would deadlock a pool of size 1. The pool is already open at this point, so the
     * database stays open between Flyway's connections and the pool's.
     */
    private static String migrate(String url, String where) {
        try {
            Flyway flyway = Flyway.configure().dataSource(url, USER, "").locations(MIGRATIONS).load();
            MigrateResult result = flyway.migrate();
            MigrationInfo current = flyway.info().current();
            if (current == null || current.getVersion() == null) {
                throw new StorageException("no schema version in " + where + " after migration; are the "
                        + "migrations on the class path under " + MIGRATIONS + "?");
            }
            String version = current.getVersion().getVersion();
            LOG.info("Database {} is at schema version {}; migrations applied now: {}",
                    where, version, result.migrationsExecuted);
            return version;
        } catch (FlywayException e) {
            throw new StorageException("schema migration failed for " + where, e);
        }
    }

    /** The pooled data source the stores use. */
    public DataSource dataSource() {
        return pool;
    }

    /** The Flyway schema version the database was at once opened, e.g. {@code "1"}. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /**
     * Closes the pool. H2 closes a file database by itself when its last connection goes; an in-memory one is
     * kept alive by {@code DB_CLOSE_DELAY=-1}, so it is then shut down to free its memory.
     *
     * @throws StorageException when an in-memory database cannot be shut down
     */
    @Override
    public void close() {
        if (pool.isClosed()) {
            return;
        }
        pool.close();
        if (inMemory) {
            shutdown();
        }
    }

    /** Over a connection of its own: SHUTDOWN invalidates every other connection, which Hikari would then log. */
    private void shutdown() {
        try (Connection connection = DriverManager.getConnection(url, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new StorageException("cannot shut down the " + where, e);
        }
    }
}
