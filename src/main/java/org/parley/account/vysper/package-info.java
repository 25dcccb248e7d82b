/**
 * Vysper glue for accounts: {@code AccountManagement}/{@code UserAuthorization} over Parley's account service, a
 * UTF-8-correct SASL PLAIN (RFC 4616), and a safe XEP-0077 in-band registration module.
 */
package org.parley.account.vysper;
