/**
 * The message archive's Vysper adapter: the routing listener that archives and stamps messages (XEP-0313 §3.5,
 * XEP-0359), and the {@code urn:xmpp:mam:2} IQs (query, prefs, metadata) with their disco#info features.
 */
package org.parley.archive.vysper;
