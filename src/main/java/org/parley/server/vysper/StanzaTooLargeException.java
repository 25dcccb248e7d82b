package org.parley.server.vysper;

import org.apache.mina.filter.codec.ProtocolDecoderException;

/**
 * A client sent more than {@code c2s.max_stanza_size} bytes without completing a stanza. The connection ends with a
 * {@code policy-violation} stream error (RFC 6120 §4.9.3.14).
 */
final class StanzaTooLargeException extends ProtocolDecoderException {

    private static final long serialVersionUID = 1L;

    StanzaTooLargeException(long limit) {
        super("stanza larger than " + limit + " bytes");
    }
}
