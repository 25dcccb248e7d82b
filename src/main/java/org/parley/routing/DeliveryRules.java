package org.parley.routing;

import java.util.List;
import java.util.Objects;

/**
 * Where a message, presence or IQ stanza addressed to a local user goes: RFC 6121 §8.5, the server rules for
 * processing XML stanzas addressed to a local account, as one pure function. Subscription presence and probes are
 * not routed here: they are processed by {@link SubscriptionService} and the presence layer (§3, §4.3).
 *
 * <p>"Available resource" means a resource that sent available presence and has not gone unavailable since;
 * "connected resource" any resource bound to a session (RFC 6121 §1.5). The table:
 * <pre>
 *                      no such account   full JID, resource     full JID, no such       bare JID, some           bare JID, none
 *                      (§8.5.1)          connected (§8.5.3.1)   resource (§8.5.3.2)     available, prio &gt;= 0   (§8.5.2.2)
 * message chat         service-unavail.  deliver                as bare JID             highest priority (ties:  offline storage
 *                                                                                       all), §8.5.2.1.1
 * message normal       service-unavail.  deliver                service-unavailable     highest priority (ties:  offline storage
 *                                                                                       all), §8.5.2.1.1
 * message headline     service-unavail.  deliver                ignore                  all prio &gt;= 0          ignore
 * message groupchat    service-unavail.  deliver                service-unavailable     service-unavailable      service-unavail.
 * message error        ignore            deliver                ignore                  ignore                   ignore
 * presence (avail,     ignore            deliver                ignore                  all available            ignore
 *   unavailable, error)
 * iq get/set           service-unavail.  deliver                service-unavailable     server answers (§8.5.2.1.3, 8.5.2.2.3)
 * iq result/error      ignore            deliver                ignore                  ignore                   ignore
 * </pre>
 * For presence to a bare JID "all available resources" includes those of negative priority (§8.5.2.1.2: "the server
 * MUST deliver it to all available resources"); for messages a negative priority opts out of bare-JID delivery.
 */
public final class DeliveryRules {

    private DeliveryRules() {}

    /** The three kinds of stanza (RFC 6120 §8). */
    public enum Kind { MESSAGE, PRESENCE, IQ }

    /** What to do with the stanza. */
    public sealed interface Decision permits Deliver, Offline, Bounce, Ignore, ServerAnswers {}

    /**
     * Deliver a copy to each of these resources of the addressed user.
     *
     * @param resources resource names, at least one
     */
    public record Deliver(List<String> resources) implements Decision {

        public Deliver {
            resources = List.copyOf(resources);
            if (resources.isEmpty()) {
                throw new IllegalArgumentException("deliver to at least one resource");
            }
        }
    }

    /** Store the message for the user's next login (XEP-0160); if the quota is exhausted, bounce it. */
    public record Offline() implements Decision {}

    /** Return a {@code service-unavailable} error of type {@code cancel} to the sender. */
    public record Bounce() implements Decision {}

    /** Drop the stanza without a word (the RFC's "silently ignore"). */
    public record Ignore() implements Decision {}

    /** An IQ to the user's bare JID: the server answers it on the user's behalf (§8.5.2.1.3, §8.5.2.2.3). */
    public record ServerAnswers() implements Decision {}

    /**
     * A resource of the addressed user as routing sees it.
     *
     * @param name the resource part
     * @param available whether it has sent available presence (otherwise it is only connected)
     * @param priority its presence priority; irrelevant when not available
     */
    public record Target(String name, boolean available, int priority) {

        public Target {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Routes one stanza addressed to a local user.
     *
     * @param kind the stanza kind
     * @param type the {@code type} attribute, {@code null} when absent (then "normal" for a message, available for a
     *     presence)
     * @param accountExists whether the addressed local account exists
     * @param resource the addressed resource, {@code null} for a bare JID
     * @param targets the user's connected resources, available or not
     */
    public static Decision route(Kind kind, String type, boolean accountExists, String resource,
            List<Target> targets) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(targets, "targets");
        if (!accountExists) {
            return noSuchUser(kind, type);
        }
        if (resource != null) {
            boolean connected = targets.stream().anyMatch(t -> t.name().equals(resource));
            if (connected) {
                return new Deliver(List.of(resource));
            }
            return noSuchResource(kind, type, targets);
        }
        return bare(kind, type, targets);
    }

    /** §8.5.1: "No Such User". */
    private static Decision noSuchUser(Kind kind, String type) {
        return switch (kind) {
            case MESSAGE -> "error".equals(type) ? new Ignore() : new Bounce();
            case PRESENCE -> new Ignore();
            case IQ -> isRequest(type) ? new Bounce() : new Ignore();
        };
    }

    /**
     * §8.5.3.2: the full JID matches no connected resource. Only a chat falls back to the bare-JID rules
     * (§8.5.3.2.1); for "normal", "groupchat" or "headline" the server "MUST either (a) silently ignore the stanza or
     * (b) return an error stanza to the sender, which SHOULD be &lt;service-unavailable/&gt;", so none of those reaches
     * another resource of the user. The choices:
     * <ul>
     *   <li>headline: ignored. A headline expects no reply and is never stored (§5.2.2, XEP-0160), the bare-JID rules
     *       drop it too when nobody can take it (§8.5.2.2.1), and Prosody and ejabberd drop it here as well.</li>
     *   <li>normal (also an absent or unknown type, §5.2.2): service-unavailable. It is the type a client sends when
     *       it sets none, so it may carry a body a person wrote. Prosody (mod_message) never drops a normal message
     *       without a word: it handles it like a chat, which the RFC does not allow here; of the two options left,
     *       the error keeps that property, and the sender can write to the bare JID instead. It says no more about
     *       the resource than the error to an IQ for the same full JID already does (§8.5.3.2.3).</li>
     *   <li>groupchat: service-unavailable, as for the bare JID (§8.5.2.1.1, §8.5.2.2.1).</li>
     * </ul>
     */
    private static Decision noSuchResource(Kind kind, String type, List<Target> targets) {
        return switch (kind) {
            case MESSAGE -> switch (messageType(type)) {
                case "chat" -> bare(kind, type, targets);
                case "normal", "groupchat" -> new Bounce();
                default -> new Ignore(); // "headline", "error"
            };
            case PRESENCE -> new Ignore();
            case IQ -> isRequest(type) ? new Bounce() : new Ignore();
        };
    }

    /** §8.5.2: addressed to the bare JID. */
    private static Decision bare(Kind kind, String type, List<Target> targets) {
        return switch (kind) {
            case MESSAGE -> bareMessage(messageType(type), targets);
            case PRESENCE -> {
                List<String> available = targets.stream().filter(Target::available).map(Target::name).toList();
                yield available.isEmpty() ? new Ignore() : new Deliver(available);
            }
            case IQ -> isRequest(type) ? new ServerAnswers() : new Ignore();
        };
    }

    private static Decision bareMessage(String type, List<Target> targets) {
        List<Target> eligible = targets.stream().filter(t -> t.available() && t.priority() >= 0).toList();
        return switch (type) {
            case "normal", "chat" -> {
                if (eligible.isEmpty()) {
                    yield new Offline();
                }
                int highest = eligible.stream().mapToInt(Target::priority).max().orElseThrow();
                yield new Deliver(eligible.stream().filter(t -> t.priority() == highest).map(Target::name).toList());
            }
            case "headline" -> eligible.isEmpty() ? new Ignore()
                    : new Deliver(eligible.stream().map(Target::name).toList());
            case "groupchat" -> new Bounce();
            default -> new Ignore();
        };
    }

    /**
     * The message type for routing: absent means "normal" (RFC 6121 §5.2.2), and so does an unknown value ("an IM
     * application SHOULD treat it as normal"); "error" stays "error".
     */
    static String messageType(String type) {
        if (type == null) {
            return "normal";
        }
        return switch (type) {
            case "normal", "chat", "headline", "groupchat", "error" -> type;
            default -> "normal";
        };
    }

    private static boolean isRequest(String type) {
        return "get".equals(type) || "set".equals(type);
    }
}
