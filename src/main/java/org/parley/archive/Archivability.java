package org.parley.archive;

import java.util.List;
import java.util.function.Predicate;

/**
 * Which messages a user archive keeps, as a table read top to bottom; the first row that matches decides.
 *
 * <ul>
 *   <li>XEP-0313 §5.1.1: a user archive SHOULD include the messages of type {@code normal} or {@code chat} that
 *       have a {@code <body>}; MAY include headlines (not suggested) and groupchat (Parley has no MUC; a groupchat
 *       message to a user is a room's copy, which the room's own archive keeps).
 *   <li>XEP-0334 §4: {@code <no-permanent-store/>} and {@code <no-store/>} keep a message out of any archive;
 *       {@code <store/>} asks for one without a body (an encrypted payload, a correction) to be kept.
 *   <li>An error is never kept: it answers a message, it is not part of the conversation.
 * </ul>
 */
public final class Archivability {

    /** The parts of a message the rules read. */
    public record Message(String type, boolean body, boolean store, boolean noStore, boolean noPermanentStore) {

        /** {@code type} as RFC 6120 §8.2.1 reads it: absent is {@code normal}. */
        public String effectiveType() {
            return type == null || type.isEmpty() ? "normal" : type;
        }

        boolean conversation() {
            return effectiveType().equals("chat") || effectiveType().equals("normal");
        }
    }

    /** One row: when {@code applies}, the message is kept or not. */
    record Rule(String why, Predicate<Message> applies, boolean keep) {}

    static final List<Rule> RULES = List.of(
            new Rule("an error answers a message: never kept", m -> m.effectiveType().equals("error"), false),
            new Rule("XEP-0334 <no-permanent-store/>", Message::noPermanentStore, false),
            new Rule("XEP-0334 <no-store/>", Message::noStore, false),
            new Rule("groupchat: the room's archive keeps it (XEP-0313 §5.1.1 MAY)",
                    m -> m.effectiveType().equals("groupchat"), false),
            new Rule("XEP-0334 <store/> on chat, normal or headline", Message::store, true),
            new Rule("XEP-0313 §5.1.1: chat or normal with a body", m -> m.conversation() && m.body(), true),
            new Rule("anything else (chat states, receipts, headlines): not a conversation", m -> true, false));

    private Archivability() {}

    /** Whether a user archive keeps {@code message}. */
    public static boolean keeps(Message message) {
        return rule(message).keep();
    }

    /** The row that decides for {@code message} (for tests and logs). */
    static Rule rule(Message message) {
        for (Rule rule : RULES) {
            if (rule.applies().test(message)) {
                return rule;
            }
        }
        throw new AssertionError("the last rule matches everything");
    }
}
