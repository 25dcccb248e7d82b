package org.parley.server.vysper;

/**
 * Decoder output meaning "the peer closed its stream with {@code </stream:stream>}" (RFC 6120 §4.4). Vysper's
 * decoder drops this event, so the server never answered a client's close; ours passes it on as this marker.
 */
enum StreamEnd {
    INSTANCE
}
