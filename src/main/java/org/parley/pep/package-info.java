/**
 * Personal Eventing Protocol (XEP-0163): every account's own publish-subscribe service, a set of nodes
 * ({@link org.parley.pep.PepNode}) that keep the owner's latest published items ({@link org.parley.pep.PepItem}),
 * configured as XEP-0060 allows for PEP ({@link org.parley.pep.NodeConfig}, {@link org.parley.pep.AccessModel}).
 *
 * <p>Pure logic and the {@link org.parley.pep.PepStore} SPI: no Vysper, no JDBC. The H2 and in-memory stores live
 * in {@code org.parley.storage.*}.
 */
package org.parley.pep;
