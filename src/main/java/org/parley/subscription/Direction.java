package org.parley.subscription;

/**
 * Which way a subscription-related presence stanza travels, seen from the user whose roster item for the contact is
 * being processed (RFC 6121 Appendix A describes every rule "from the perspective of the user, not the contact").
 */
public enum Direction {

    /**
     * The user sent the stanza to the contact. The user's server processes it against the user's roster item for the
     * contact and decides whether to route it (RFC 6121 Appendix A.2, "ROUTE?" column).
     */
    OUTBOUND,

    /**
     * The contact sent the stanza to the user. The user's server processes it against the user's roster item for the
     * contact and decides whether to deliver it to the user's resources (RFC 6121 Appendix A.3, "DELIVER?" column).
     */
    INBOUND
}
