package org.parley.subscription;

import java.util.Objects;

/**
 * The four presence types that manage subscriptions (RFC 6121 §3): the value of the {@code type} attribute of a
 * {@code <presence/>} stanza. Other presence types (none, {@code unavailable}, {@code probe}, {@code error}) are not
 * subscription events.
 */
public enum SubscriptionEvent {

    /** A request to subscribe to the recipient's presence (RFC 6121 §3.1). */
    SUBSCRIBE("subscribe"),

    /** Approval of a subscription request, or a pre-approval (RFC 6121 §3.1.4, §3.4). */
    SUBSCRIBED("subscribed"),

    /** Ending the sender's subscription to the recipient's presence (RFC 6121 §3.3). */
    UNSUBSCRIBE("unsubscribe"),

    /** Denial or cancellation of the recipient's subscription to the sender's presence (RFC 6121 §3.2). */
    UNSUBSCRIBED("unsubscribed");

    private final String presenceType;

    SubscriptionEvent(String presenceType) {
        this.presenceType = presenceType;
    }

    /** The value of the presence stanza's {@code type} attribute, e.g. {@code "subscribed"}. */
    public String presenceType() {
        return presenceType;
    }

    /** Whether {@code type} (a presence {@code type} attribute, possibly null) is a subscription type. */
    public static boolean isSubscriptionType(String type) {
        for (SubscriptionEvent event : values()) {
            if (event.presenceType.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The event for a presence {@code type} attribute. Matching is exact, as XML attribute values are case-sensitive.
     *
     * @throws IllegalArgumentException if {@code type} is not one of the four subscription types
     */
    public static SubscriptionEvent fromPresenceType(String type) {
        Objects.requireNonNull(type, "type");
        for (SubscriptionEvent event : values()) {
            if (event.presenceType.equals(type)) {
                return event;
            }
        }
        throw new IllegalArgumentException("not a subscription presence type: '" + type + "'");
    }
}
