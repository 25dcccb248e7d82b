/**
 * Client state indication (XEP-0352, {@code urn:xmpp:csi:0}) without transport: which stanzas an inactive client
 * gets at once and which wait ({@link org.parley.csi.Urgency}, the rule table), and the per-resource queue that
 * holds them, keeps only the latest presence per contact and chat state per contact, and sends what it holds in
 * order on {@code <active/>}, at its bound ({@code csi.max_held}) and before an urgent stanza
 * ({@link org.parley.csi.ClientStates}). The Vysper side is {@code org.parley.csi.vysper}.
 */
package org.parley.csi;
