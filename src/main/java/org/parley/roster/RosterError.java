package org.parley.roster;

import java.util.Objects;

/**
 * Why the server refuses a roster request: an RFC 6120 §8.3.3 stanza error condition with its error type, and a
 * human-readable text for the error's {@code <text/>} element. A value, not an exception (style.md §3.6): the
 * Vysper handler maps it to the error stanza and nothing else.
 *
 * @param condition the defined condition
 * @param text why, in English, for the client's log or the user; never blank
 */
public record RosterError(Condition condition, String text) {

    public RosterError {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a roster error says why");
        }
    }

    /**
     * The stanza error conditions a roster request can end in (RFC 6121 §2.1.4, §2.3.3, §2.5.3), each with the error
     * type RFC 6120 §8.3.3 gives it ("the associated error type SHOULD be ...").
     */
    public enum Condition {

        /**
         * {@code <bad-request/>}, type {@code modify} (RFC 6120 §8.3.3.1). RFC 6121 §2.3.3: "The server MUST return a
         * &lt;bad-request/&gt; stanza error to the client if the roster set contains any of the following violations:
         * 1. The &lt;query/&gt; element contains more than one &lt;item/&gt; child element. 2. The &lt;item/&gt;
         * element contains more than one &lt;group/&gt; element, but there are duplicate groups". Also used for a set
         * without any item or without a {@code jid} (§2.1.5 rule 1, §2.1.2.3).
         */
        BAD_REQUEST("bad-request", ErrorType.MODIFY),

        /**
         * {@code <jid-malformed/>}, type {@code modify} (RFC 6120 §8.3.3.8: an address "that violates the rules
         * defined in [XMPP-ADDR]"): the item's {@code jid} is not a JID Parley can hold.
         */
        JID_MALFORMED("jid-malformed", ErrorType.MODIFY),

        /**
         * {@code <not-acceptable/>}, type {@code modify} (RFC 6120 §8.3.3.9). RFC 6121 §2.3.3: a name longer than the
         * server's limit, a group of zero length, a group longer than the server's limit. Parley also uses it for
         * what is valid XMPP but outside its own criteria: a group of only white space, and an item whose
         * {@code jid} is a full JID or a domain-only JID (Parley's roster items are {@code user@domain}).
         */
        NOT_ACCEPTABLE("not-acceptable", ErrorType.MODIFY),

        /**
         * {@code <item-not-found/>}, type {@code cancel} (RFC 6120 §8.3.3.7). RFC 6121 §2.5.3: "If the value of the
         * 'jid' attribute specifies an item that is not in the roster, then the server MUST return an
         * &lt;item-not-found/&gt; stanza error." (The example there shows type {@code modify}; RFC 6121 §1.5 lets
         * the normative text rule over examples, and RFC 6120 says {@code cancel}.)
         */
        ITEM_NOT_FOUND("item-not-found", ErrorType.CANCEL),

        /**
         * {@code <not-allowed/>}, type {@code cancel} (RFC 6120 §8.3.3.10). Parley refuses a roster item for the
         * user's own bare JID, as RFC 6121 §2.3.3 notes some servers do.
         */
        NOT_ALLOWED("not-allowed", ErrorType.CANCEL),

        /**
         * {@code <forbidden/>}, type {@code auth} (RFC 6120 §8.3.3.4). RFC 6121 §2.3.3: "The server MUST return a
         * &lt;forbidden/&gt; stanza error to the client if the sender of the roster set is not authorized to update
         * the roster".
         */
        FORBIDDEN("forbidden", ErrorType.AUTH);

        private final String elementName;
        private final ErrorType type;

        Condition(String elementName, ErrorType type) {
            this.elementName = elementName;
            this.type = type;
        }

        /** The condition element's name in {@code urn:ietf:params:xml:ns:xmpp-stanzas}, e.g. {@code bad-request}. */
        public String elementName() {
            return elementName;
        }

        /** The error type RFC 6120 §8.3.3 associates with the condition. */
        public ErrorType type() {
            return type;
        }
    }

    /** The RFC 6120 §8.3.2 error types that roster errors use. */
    public enum ErrorType {

        /** "retry after providing credentials". */
        AUTH("auth"),

        /** "do not retry (the error cannot be remedied)". */
        CANCEL("cancel"),

        /** "retry after changing the data sent". */
        MODIFY("modify");

        private final String attributeValue;

        ErrorType(String attributeValue) {
            this.attributeValue = attributeValue;
        }

        /** The value of the {@code <error/>} element's {@code type} attribute. */
        public String attributeValue() {
            return attributeValue;
        }
    }

    /** An error with this condition and text. */
    public static RosterError of(Condition condition, String text) {
        return new RosterError(condition, text);
    }
}
