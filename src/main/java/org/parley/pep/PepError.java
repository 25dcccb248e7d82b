package org.parley.pep;

/**
 * The errors of XEP-0060 that Parley's PEP service returns, as a code table: the stanza error condition and type
 * (RFC 6120 §8.3.3) and the XEP-0060 application condition in {@code http://jabber.org/protocol/pubsub#errors}
 * ({@code null} for none), each from the section of XEP-0060 that prescribes it.
 */
public enum PepError {
    /** §7.1.3.3: publish without a node id. */
    NODEID_REQUIRED("bad-request", ErrorType.MODIFY, "nodeid-required"),
    /** §7.1.3.6: an item without a payload on a persistent node. */
    ITEM_REQUIRED("bad-request", ErrorType.MODIFY, "item-required"),
    /** §7.1.3.5: an item with more than one payload element, or a second item. */
    INVALID_PAYLOAD("bad-request", ErrorType.MODIFY, "invalid-payload"),
    /** §6.5.9.11, §7.1.3.3, §8.x: no such node (or item). */
    ITEM_NOT_FOUND("item-not-found", ErrorType.CANCEL, null),
    /** §7.1.3.1, §8.x: only the owner may publish, create, configure, retract, purge or delete. */
    FORBIDDEN("forbidden", ErrorType.AUTH, null),
    /** §6.5.9.3 (presence access model): the requester is not subscribed to the owner's presence. */
    PRESENCE_SUBSCRIPTION_REQUIRED("not-authorized", ErrorType.AUTH, "presence-subscription-required"),
    /** §6.5.9.5 (whitelist access model): the requester is not on the whitelist. */
    CLOSED_NODE("not-allowed", ErrorType.CANCEL, "closed-node"),
    /** §8.1.3: a node of that name exists already. */
    CONFLICT("conflict", ErrorType.CANCEL, null),
    /** §7.1.5: publish-options the existing node does not match. */
    PRECONDITION_NOT_MET("conflict", ErrorType.CANCEL, "precondition-not-met"),
    /** §8.2.5.3, §8.1.3: a configuration value the service cannot apply. */
    NOT_ACCEPTABLE("not-acceptable", ErrorType.MODIFY, null),
    /** RFC 6120 §8.3.3.18: the account has as many nodes as Parley allows ({@link PepService#MAX_NODES}). */
    RESOURCE_CONSTRAINT("resource-constraint", ErrorType.WAIT, null),
    /** §7.1.3.6-style: a malformed request (a bad max_items, an empty item id, ...). */
    BAD_REQUEST("bad-request", ErrorType.MODIFY, null);

    /** The stanza error types of RFC 6120 §8.3.2 this table uses. */
    public enum ErrorType { AUTH, CANCEL, MODIFY, WAIT }

    private final String condition;
    private final ErrorType type;
    private final String pubsubCondition;

    PepError(String condition, ErrorType type, String pubsubCondition) {
        this.condition = condition;
        this.type = type;
        this.pubsubCondition = pubsubCondition;
    }

    /** The RFC 6120 defined condition, e.g. "item-not-found". */
    public String condition() {
        return condition;
    }

    /** The error type. */
    public ErrorType type() {
        return type;
    }

    /** The XEP-0060 pubsub#errors element name, or null. */
    public String pubsubCondition() {
        return pubsubCondition;
    }
}
