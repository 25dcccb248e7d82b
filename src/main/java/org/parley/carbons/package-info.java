/**
 * Message carbons (XEP-0280, {@code urn:xmpp:carbons:2}): which messages a user's other resources get a copy of, and
 * which resources asked for copies.
 *
 * <p>{@link org.parley.carbons.CarbonRules} is XEP-0280 §6 ("Messages Eligible for Carbons Delivery") as a table,
 * including the hints that refuse a copy ({@code <private xmlns='urn:xmpp:carbons:2'/>}, §8, and XEP-0334
 * {@code <no-copy/>}); {@link org.parley.carbons.EnabledResources} is the per-resource enabled state (§4, §5), kept
 * until the resource's session ends. Pure logic: no Vysper, no JDBC. The wiring onto the routing hooks is in
 * {@code org.parley.carbons.vysper}.
 */
package org.parley.carbons;
