package org.parley.csi;

import java.util.Set;

/**
 * The rule table: whether a stanza for an inactive resource goes out now or waits, and what a waiting one replaces.
 * The first row that matches decides; the order of the constants is the order of the checks. Adapted from Prosody's
 * {@code mod_csi_simple} ({@code is_important}): what a user would want to be woken for (a message to read, a request
 * to answer, an answer the client waits for) is urgent; what only refreshes what the client shows (presence, typing
 * notifications, contacts' PEP such as moods or avatars) waits, and only its latest value matters.
 */
public enum Urgency {

    /** RFC 6120 §8.3: an error of any kind; the client may be waiting on what failed. */
    ERROR(true),
    /** RFC 6120 §8.2.3: an IQ request needs an answer, a result ends the client's wait. */
    IQ(true),
    /** RFC 6121 §3: subscribe, subscribed, unsubscribe, unsubscribed: a user decides or learns of a change. */
    SUBSCRIPTION(true),
    /** Available or unavailable presence from a contact (or the user's other resource): the latest per full JID. */
    PRESENCE_CHANGE(false),
    /** Any other presence (a probe, an unknown type): rare, so not worth holding. */
    OTHER_PRESENCE(true),
    /** A message with a {@code <body/>}: something to read. */
    BODY(true),
    /** XEP-0280: a carbon of a message with a body, sent or received by the user's other resource. */
    CARBON_WITH_BODY(true),
    /** XEP-0280: a carbon of a message without a body (a chat state, a receipt): as the message itself would be. */
    CARBON(false),
    /** XEP-0163: the user's own PEP (bookmarks, OMEMO devices): the client's own state, kept current. */
    OWN_PEP(true),
    /** XEP-0163: a contact's PEP notification (mood, tune, avatar metadata): waits, in order. */
    PEP(false),
    /** XEP-0085: a typing notification and nothing else: the latest per contact (bare JID). */
    CHAT_STATE(false),
    /** A message to this resource's full JID (not the bare JID): meant for this device in particular. */
    TO_FULL_JID(true),
    /** Any other message to the bare JID without a body (a receipt, a marker, a headline): waits, in order. */
    OTHER_MESSAGE(false),
    /** Anything else the server writes to a client. */
    OTHER(true);

    private static final Set<String> SUBSCRIPTION_TYPES = Set.of("subscribe", "subscribed", "unsubscribe",
            "unsubscribed");

    private final boolean urgent;

    Urgency(boolean urgent) {
        this.urgent = urgent;
    }

    /** Whether a stanza of this row goes out at once (after what was held before it). */
    public boolean urgent() {
        return urgent;
    }

    /**
     * The row for {@code stanza} addressed to a resource of {@code user} (a bare JID as text, as in
     * {@link Outgoing#fromBare()}).
     */
    public static Urgency of(Outgoing stanza, String user) {
        if ("error".equals(stanza.type())) {
            return ERROR;
        }
        return switch (stanza.kind()) {
            case IQ -> IQ;
            case PRESENCE -> presence(stanza.type());
            case MESSAGE -> message(stanza, user);
            case OTHER -> OTHER;
        };
    }

    private static Urgency presence(String type) {
        if (type == null || "unavailable".equals(type)) {
            return PRESENCE_CHANGE;
        }
        return SUBSCRIPTION_TYPES.contains(type) ? SUBSCRIPTION : OTHER_PRESENCE;
    }

    private static Urgency message(Outgoing stanza, String user) {
        if (stanza.body()) {
            return BODY;
        }
        if (stanza.carbon()) {
            return stanza.carbonWithBody() ? CARBON_WITH_BODY : CARBON;
        }
        if (stanza.pepEvent()) {
            return user.equals(stanza.fromBare()) ? OWN_PEP : PEP;
        }
        if (stanza.chatStateOnly()) {
            return CHAT_STATE;
        }
        return stanza.toFullJid() ? TO_FULL_JID : OTHER_MESSAGE;
    }

    /**
     * What a held stanza of this row replaces: the key of the one it supersedes, or null when every one is kept
     * (urgent rows, held messages other than chat states, and stanzas without a sender).
     */
    public String coalescingKey(Outgoing stanza) {
        return switch (this) {
            case PRESENCE_CHANGE -> stanza.from() == null ? null : "presence " + stanza.from();
            case CHAT_STATE -> stanza.fromBare() == null ? null : "chat-state " + stanza.fromBare();
            default -> null;
        };
    }
}
