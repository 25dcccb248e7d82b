package org.parley.csi;

/**
 * What the rule table needs to know about a stanza on its way to one resource; read from the XML by the transport
 * side, so the rules stay free of it.
 *
 * @param kind which stanza it is
 * @param type its {@code type} attribute, or null when absent
 * @param from its {@code from} as written (a full or bare JID), or null when absent
 * @param fromBare the bare JID of {@code from}, or null when absent
 * @param toFullJid whether it is addressed to the receiving resource's full JID (not the bare JID)
 * @param body whether a message has a {@code <body/>}
 * @param carbon whether a message is a carbon copy (XEP-0280 {@code <received/>} or {@code <sent/>})
 * @param carbonWithBody whether that carbon forwards a message with a {@code <body/>}
 * @param chatStateOnly whether a message carries a chat state (XEP-0085) and nothing a user reads
 * @param pepEvent whether a message is a pubsub event notification ({@code http://jabber.org/protocol/pubsub#event})
 */
public record Outgoing(Kind kind, String type, String from, String fromBare, boolean toFullJid, boolean body,
        boolean carbon, boolean carbonWithBody, boolean chatStateOnly, boolean pepEvent) {

    /** The three stanza kinds of RFC 6120 §8, and anything else written to a client. */
    public enum Kind {
        MESSAGE,
        PRESENCE,
        IQ,
        OTHER
    }
}
