/**
 * Rosters, RFC 6121 §2: the user's contact list with names and groups, each item's presence subscription state
 * (RFC 6121 §3 and Appendix A, as {@link org.parley.subscription.SubscriptionState}), pre-approvals (§3.4) and
 * roster versions (§2.6).
 *
 * <p>This package holds the values ({@link org.parley.roster.RosterItem}, {@link org.parley.roster.Roster},
 * {@link org.parley.roster.RosterEntry}, {@link org.parley.roster.RosterChanges}) and the
 * {@link org.parley.roster.RosterStore} SPI. It imports no JDBC and no Vysper: the H2 and in-memory stores live in
 * {@code org.parley.storage.*}.
 */
package org.parley.roster;
