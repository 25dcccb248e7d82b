/**
 * Presence subscriptions as RFC 6121 defines them: the nine subscription states of Appendix A.1 and the server's
 * processing of the four subscription-related presence types ({@code subscribe}, {@code subscribed},
 * {@code unsubscribe}, {@code unsubscribed}) sent by the user (Appendix A.2, §3) or received for the user (Appendix
 * A.3, §3), including subscription pre-approval (§3.4).
 *
 * <p>Specs: RFC 6121 §3 "Managing Presence Subscriptions" and Appendix A "Subscription States". Every state change
 * goes through {@link org.parley.subscription.SubscriptionStateMachine}, whose {@code SubscriptionStateMachineTest}
 * copies the Appendix A tables row by row (style.md §4 rule 2).
 *
 * <p>This package is pure logic: no Vysper, no JDBC, no I/O. Persisting the state, roster pushes, presence
 * broadcasts and stanza routing belong to the callers.
 */
package org.parley.subscription;
