package org.parley.pep;

import java.util.Objects;

/**
 * The configuration of one PEP node: the part of XEP-0060's {@code pubsub#node_config} form Parley acts on.
 *
 * @param accessModel who may read the node
 * @param maxItems how many items the node keeps, newest first; 1 to {@link #MAX_ITEMS_LIMIT}
 */
public record NodeConfig(AccessModel accessModel, int maxItems) {

    /** Most items one node keeps; also what {@code pubsub#max_items = "max"} means (XEP-0060 §16.4.4). */
    public static final int MAX_ITEMS_LIMIT = 256;

    /** XEP-0163 §4.1 and common practice: presence access, the last item only. */
    public static final NodeConfig DEFAULT = new NodeConfig(AccessModel.PRESENCE, 1);

    public NodeConfig {
        Objects.requireNonNull(accessModel, "accessModel");
        if (maxItems < 1 || maxItems > MAX_ITEMS_LIMIT) {
            throw new IllegalArgumentException("maxItems must be 1.." + MAX_ITEMS_LIMIT + ": " + maxItems);
        }
    }
}
