package org.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path tempDir;

    @Test
    void inMemoryDatabaseIsMigrated() throws SQLException {
        try (Database database = Database.openInMemory("db-" + UUID.randomUUID(), 1);
                Connection connection = database.dataSource().getConnection()) {
            assertThat(database.schemaVersion()).as("migrated to the newest version (MigrationsTest pins it)").matches("[1-9][0-9]*");
            assertThat(connection.getMetaData().getTables(null, "PUBLIC", "ACCOUNT", null).next()).isTrue();
        }
    }

    @Test
    void closingAnInMemoryDatabaseDropsIt() throws SQLException {
        String name = "db-" + UUID.randomUUID();
        try (Database database = Database.openInMemory(name, 1);
                Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE leftover (n INT)");
        }

        try (Database database = Database.openInMemory(name, 1);
                Connection connection = database.dataSource().getConnection()) {
            assertThat(connection.getMetaData().getTables(null, "PUBLIC", "LEFTOVER", null).next()).isFalse();
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsReportedWithItsPath() throws IOException {
        Path notADirectory = Files.createFile(tempDir.resolve("occupied"));

        assertThatThrownBy(() -> Database.openFile(notADirectory, 1))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(notADirectory.toString());
    }

    @Test
    void theAutoServerForTheCliIsKeptOnLoopback() {
        try (Database database = Database.openFile(tempDir.resolve("data"), 1)) {
            assertThat(database.schemaVersion()).as("migrated to the newest version (MigrationsTest pins it)").matches("[1-9][0-9]*");
        }
        // H2 reads this when it first loads (in the server: at this open); checked by hand with `ss -ltn`
        assertThat(System.getProperty("h2.bindAddress")).isEqualTo("127.0.0.1");
    }

    @Test
    void rejectsUnusableArguments() {
        assertThatThrownBy(() -> Database.openInMemory("db-" + UUID.randomUUID(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Database.openInMemory("a;INIT=RUNSCRIPT FROM 'x'", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Database.openFile(tempDir.resolve("a;b"), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
