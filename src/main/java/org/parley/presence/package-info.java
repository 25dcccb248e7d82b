/**
 * Presence, RFC 6121 §4, and the delivery rules of §8: who is online with which resources and priorities, the
 * broadcast, probe and directed-presence rules, the processing of subscription stanzas between local users (§3, over
 * {@link org.parley.subscription.SubscriptionStateMachine} and the roster store), and the §8.5 table that says where
 * a message, presence or IQ addressed to a local user goes.
 *
 * <p>Pure logic and store interfaces: no Vysper, no JDBC. {@code org.parley.presence.vysper} maps stanzas to these.
 */
package org.parley.presence;
