package org.parley.server.vysper;

/**
 * What one client stream may cost the decoder (docs/security.md, "XML stream limits").
 *
 * @param domain the served domain: a stream header whose {@code to} names another gets {@code host-unknown}
 * @param maxStanzaBytes bytes one stanza (or the stream header) may take ({@code c2s.max_stanza_size})
 * @param maxDepth element nesting depth, the stream element counting as 1 ({@code c2s.max_depth})
 * @param maxAttributes attributes on one element, namespace declarations included ({@code c2s.max_attributes})
 * @param maxPreAuthBytes bytes a connection may send before SASL succeeds ({@code c2s.max_preauth_bytes})
 */
record StreamLimits(String domain, int maxStanzaBytes, int maxDepth, int maxAttributes, int maxPreAuthBytes) {

    StreamLimits {
        if (maxStanzaBytes < 1 || maxDepth < 2 || maxAttributes < 1 || maxPreAuthBytes < 1) {
            throw new IllegalArgumentException("stream limits must be positive (depth at least 2): " + maxStanzaBytes
                    + ", " + maxDepth + ", " + maxAttributes + ", " + maxPreAuthBytes);
        }
    }
}
