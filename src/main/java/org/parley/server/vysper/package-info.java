/**
 * Parley's client-to-server transport on Vysper 0.7 and Apache MINA: our own endpoint, I/O handler, session
 * context, stream decoder and delivery relay, replacing Vysper's {@code TCPEndpoint}, {@code XmppIoHandlerAdapter},
 * {@code MinaBackedSessionContext} and its unordered thread pools (see docs/adr/0002 and docs/architecture.md).
 *
 * <p>Threads: MINA I/O processors read, decode and write; one ordered executor processes each connection's
 * stanzas strictly in arrival order; a striped relay delivers each recipient's stanzas in order.
 */
package org.parley.server.vysper;
