/**
 * The H2 implementations of the feature stores: plain JDBC with prepared statements over the schema that the
 * Flyway migrations in {@code db/migration} define. All of Parley's SQL lives here.
 */
package org.parley.storage.h2;
