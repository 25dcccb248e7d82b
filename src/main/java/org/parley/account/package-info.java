/**
 * Local accounts: registration, password changes and password verification, with SCRAM verifiers
 * (RFC 5802, RFC 7677) as the only stored secret, and the server side of a SCRAM login against them
 * ({@link org.parley.account.ScramServer}, with RFC 5802 §6 channel binding).
 *
 * <p>This package is pure logic plus the {@link org.parley.account.AccountStore} SPI. It imports no JDBC and no
 * Vysper: the H2 and in-memory stores live in {@code org.parley.storage.*}, the Vysper adapter in
 * {@code org.parley.account.vysper}.
 */
package org.parley.account;
