package org.parley.pep;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One published item of a PEP node.
 *
 * @param id the item id, unique within its node, 1..{@link #MAX_ID_BYTES} bytes of UTF-8
 * @param payload the item's single payload element as XML text, exactly as it will be sent in notifications
 * @param publishedAt when it was published, from the server's clock
 */
public record PepItem(String id, String payload, Instant publishedAt) {

    /** Longest item id accepted, in UTF-8 bytes. */
    public static final int MAX_ID_BYTES = 1023;

    public PepItem {
        if (!validId(id)) {
            throw new IllegalArgumentException("item id must be 1.." + MAX_ID_BYTES + " bytes of UTF-8");
        }
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    /** Whether {@code id} is acceptable as an item id. */
    public static boolean validId(String id) {
        return id != null && !id.isEmpty() && id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES;
    }
}
