package org.parley.pep;

import java.util.Optional;

/**
 * The node access models Parley's PEP service offers (XEP-0060 §4.5, XEP-0163 §4.1). Who may retrieve a node's
 * items and receive its notifications; only the owner ever publishes.
 */
public enum AccessModel {
    /** Anyone may retrieve items. Notifications still go only to presence subscribers (XEP-0163 §4.3.2). */
    OPEN("open"),
    /** The owner and contacts subscribed to the owner's presence (subscription "from" or "both"): PEP's default. */
    PRESENCE("presence"),
    /**
     * The owner only. XEP-0060's whitelist also lets the owner add members; Parley has no affiliation management
     * yet, so the list is always empty, which is what private PEP nodes (XEP-0223) need.
     */
    WHITELIST("whitelist");

    private final String wire;

    AccessModel(String wire) {
        this.wire = wire;
    }

    /** The value of the {@code pubsub#access_model} form field. */
    public String wire() {
        return wire;
    }

    /** The model named {@code value}, or empty for one Parley does not offer (e.g. "roster", "authorize"). */
    public static Optional<AccessModel> fromWire(String value) {
        for (AccessModel model : values()) {
            if (model.wire.equals(value)) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }
}
