package org.parley.carbons;

import java.util.Locale;
import java.util.Set;

/**
 * What the carbons rules look at in one message, read off the stanza by the adapter.
 *
 * @param direction whether the user sent it (a {@code <sent/>} copy) or received it ({@code <received/>})
 * @param type the message's 'type' as written, or null when it has none ({@code normal}, RFC 6121 §5.2.2)
 * @param body whether it has a {@code <body/>}
 * @param fromClient whether its 'from' is a full JID (a client's); false for the server's own messages and for
 *     messages from a bare JID, such as PEP notifications. Always true for a message a user sends.
 * @param generatedByServer whether it is an error the server generated in answer to a message it could not
 *     deliver (a bounce), as opposed to one a client sent
 * @param elements the message's child elements as {@code {namespace}name}, see {@link #element}; a mediated MUC
 *     invitation adds {@link CarbonRules#MUC_INVITE}
 */
public record MessageFacts(Direction direction, String type, boolean body, boolean fromClient,
        boolean generatedByServer, Set<String> elements) {

    /** Which copy the message would become. */
    public enum Direction {
        /** The user's own resource sent it: other resources get a {@code <sent/>} copy (XEP-0280 §8). */
        SENT,
        /** It was routed to the user: resources that did not get it get a {@code <received/>} copy (§7). */
        RECEIVED
    }

    public MessageFacts {
        elements = Set.copyOf(elements);
    }

    /** The key of a child element in {@link #elements}. */
    public static String element(String namespace, String name) {
        return "{" + (namespace == null ? "" : namespace) + "}" + name;
    }

    /** The type that applies: a missing or unknown type is {@code normal} (RFC 6121 §5.2.2). */
    public String effectiveType() {
        if (type == null) {
            return "normal";
        }
        String t = type.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "chat", "error", "groupchat", "headline", "normal" -> t;
            default -> "normal";
        };
    }

    boolean has(String key) {
        return elements.contains(key);
    }

    boolean hasNamespace(String namespace) {
        String prefix = "{" + namespace + "}";
        return elements.stream().anyMatch(e -> e.startsWith(prefix));
    }
}
