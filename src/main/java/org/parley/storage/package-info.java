/**
 * The database: an H2 file (or in-memory) database behind a HikariCP pool, with its schema owned by Flyway
 * migrations under {@code db/migration}, plus the transaction helper and the one exception type every store
 * throws for infrastructure failures.
 *
 * <p>Only this package and {@code org.parley.storage.h2} may use JDBC, H2, Flyway or HikariCP.
 */
package org.parley.storage;
