/**
 * Vysper glue for accounts: {@code AccountManagement}/{@code UserAuthorization} over Parley's account service, the
 * SASL offer (SCRAM-SHA-256/1 and their -PLUS variants, RFC 5802/7677; a UTF-8-correct PLAIN, RFC 4616) with the
 * {@code <response/>}/{@code <abort/>} handling Vysper 0.7 lacks and the XEP-0440 feature, and a safe XEP-0077
 * in-band registration module.
 */
package org.parley.account.vysper;
