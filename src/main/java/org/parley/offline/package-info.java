/**
 * Offline message storage (XEP-0160: Best Practices for Handling Offline Messages): the queue of message stanzas
 * that arrived for a local user who had no resource to take them, and the pure helpers for handing them out later.
 *
 * <p><b>When a message is stored.</b> RFC 6121 §8.5.2.2.1 (a message to the bare JID of an existing account with
 * no available resource) and §8.5.3.2.1 (a message to a full JID whose resource is not connected) let the server
 * store a message offline instead of answering with an error. Following XEP-0160 §3, Parley stores messages of type
 * {@code normal} (or without a type) and {@code chat} that carry a body; {@code headline}, {@code groupchat} and
 * {@code error} messages are not stored. The routing code makes that decision; this package only keeps what it is
 * given.
 *
 * <p><b>Quota.</b> Each user's queue is bounded by an {@link org.parley.offline.OfflineQuota} (message count and
 * UTF-8 bytes). A message that would exceed it is not stored, and the sender gets a {@code service-unavailable}
 * error (XEP-0160 §3): a message is either stored or bounced, never silently dropped.
 *
 * <p><b>Delivery.</b> When the user sends initial presence with a non-negative priority, the queue is delivered
 * oldest first, each stanza carrying a XEP-0203 {@code <delay xmlns='urn:xmpp:delay'/>} element
 * ({@link org.parley.offline.OfflineDelivery}). Messages are removed from the store only after they were handed to
 * the session ({@link org.parley.offline.OfflineStore#delete}), so a crash in between re-delivers rather than loses
 * them (at-least-once).
 *
 * <p>This package is pure logic plus the {@link org.parley.offline.OfflineStore} SPI; it imports no JDBC and no
 * Vysper. The H2 and in-memory stores live in {@code org.parley.storage.*}.
 */
package org.parley.offline;
