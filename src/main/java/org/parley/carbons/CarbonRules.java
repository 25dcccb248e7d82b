package org.parley.carbons;

import java.util.List;
import java.util.function.Predicate;

/**
 * XEP-0280 §6, "Messages Eligible for Carbons Delivery", as a table: the first row that matches a message decides
 * whether the user's other resources get a copy. §6 leaves the rules to the server but asks it to follow their
 * intent; these are the suggested rules plus the MUC rules of the XEP's revision notes, the hints that refuse a
 * copy (§8 {@code <private/>}, XEP-0334 {@code <no-copy/>}), and the rule that a copy is never copied again.
 */
public final class CarbonRules {

    public static final String NAMESPACE = "urn:xmpp:carbons:2";
    public static final String FORWARD = "urn:xmpp:forward:0";
    public static final String HINTS = "urn:xmpp:hints";
    public static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    public static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    public static final String RECEIPTS = "urn:xmpp:receipts";
    public static final String MARKERS = "urn:xmpp:chat-markers:0";
    public static final String DIRECT_INVITE = "jabber:x:conference";

    public static final String SENT = MessageFacts.element(NAMESPACE, "sent");
    public static final String RECEIVED = MessageFacts.element(NAMESPACE, "received");
    public static final String PRIVATE = MessageFacts.element(NAMESPACE, "private");
    public static final String NO_COPY = MessageFacts.element(HINTS, "no-copy");
    public static final String MUC_USER_X = MessageFacts.element(MUC_USER, "x");
    /** Not a child of its own: an {@code <invite/>} inside {@code <x xmlns='muc#user'/>} (XEP-0045 §7.8.2). */
    public static final String MUC_INVITE = MessageFacts.element(MUC_USER, "x/invite");
    public static final String DIRECT_INVITE_X = MessageFacts.element(DIRECT_INVITE, "x");

    /** One row of the table, in the order they are tried. */
    public enum Rule {
        /** A carbon copy itself: never copied again (and a client must ignore one not from its own bare JID, §11). */
        COPY_OF_COPY(false, f -> f.has(SENT) || f.has(RECEIVED)),
        /** §8: the sender asked for no copies ({@code <private xmlns='urn:xmpp:carbons:2'/>}). */
        PRIVATE(false, f -> f.has(CarbonRules.PRIVATE)),
        /** XEP-0334 §4: {@code <no-copy/>}, not to be copied to addresses other than the one it is for. */
        NO_COPY(false, f -> f.has(CarbonRules.NO_COPY)),
        /** An error the server generated for an undeliverable message: not an IM, and not in reply to one. */
        SERVER_ERROR(false, f -> f.generatedByServer()),
        /** §6: a groupchat message is not copied (each joined client gets it from the room). */
        GROUPCHAT(false, f -> "groupchat".equals(f.effectiveType())),
        /** §6: a private message from a MUC occupant: the room already sends it to every joined client. */
        MUC_PRIVATE_RECEIVED(false, f -> f.direction() == MessageFacts.Direction.RECEIVED && f.has(MUC_USER_X)
                && !f.has(MUC_INVITE)),
        /** §6 (MUC rules): a direct (XEP-0249) or mediated (XEP-0045 §7.8.2) invitation is copied. */
        INVITATION(true, f -> f.has(DIRECT_INVITE_X) || f.has(MUC_INVITE)),
        /** Not from a client: the server's own messages and those from a bare JID (PEP notifications, XEP-0163). */
        NOT_FROM_CLIENT(false, f -> f.direction() == MessageFacts.Direction.RECEIVED && !f.fromClient()),
        /**
         * §6: an error a client sent; the XEP copies it when it answers an eligible message, which would need the
         * server to track messages, and a client's message error answers a message it was sent, so it is copied.
         */
        CLIENT_ERROR(true, f -> "error".equals(f.effectiveType())),
        /** §6: type chat. */
        CHAT(true, f -> "chat".equals(f.effectiveType())),
        /** Headlines are not instant messages (RFC 6121 §5.2.2): not copied. */
        HEADLINE(false, f -> "headline".equals(f.effectiveType())),
        /** §6: type normal with a body. */
        NORMAL_WITH_BODY(true, f -> f.body()),
        /** §6: an IM payload without a body: chat states (XEP-0085), receipts (XEP-0184), markers (XEP-0333). */
        IM_PAYLOAD(true, f -> f.hasNamespace(CHAT_STATES) || f.hasNamespace(RECEIPTS) || f.hasNamespace(MARKERS)),
        /** §6: anything else is not copied. */
        OTHERWISE(false, f -> true);

        private final boolean copied;
        private final Predicate<MessageFacts> matches;

        Rule(boolean copied, Predicate<MessageFacts> matches) {
            this.copied = copied;
            this.matches = matches;
        }

        /** Whether a message this row decides is copied. */
        public boolean copied() {
            return copied;
        }
    }

    private static final List<Rule> TABLE = List.of(Rule.values());

    private CarbonRules() {}

    /** The row that decides {@code facts}: the first that matches. */
    public static Rule decide(MessageFacts facts) {
        for (Rule rule : TABLE) {
            if (rule.matches.test(facts)) {
                return rule;
            }
        }
        throw new AssertionError("OTHERWISE matches every message");
    }

    /** Whether the user's other resources get a copy of {@code facts}' message. */
    public static boolean eligible(MessageFacts facts) {
        return decide(facts).copied();
    }
}
