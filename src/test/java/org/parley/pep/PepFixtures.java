package org.parley.pep;

import java.time.Instant;
import org.parley.xmpp.BareJid;

/** Owners, nodes and items shared by the PEP store contracts and the backends' own tests. */
public final class PepFixtures {

    public static final BareJid ALICE = BareJid.parse("alice@example.org");
    public static final BareJid BOB = BareJid.parse("bob@example.org");
    public static final String TUNE = "http://jabber.org/protocol/tune";
    public static final String MOOD = "http://jabber.org/protocol/mood";

    /** Nanosecond precision on purpose: a store must not round the publication time. */
    public static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");

    public static final NodeConfig OPEN_5 = new NodeConfig(AccessModel.OPEN, 5);

    private PepFixtures() {
    }

    /** A user-tune payload (XEP-0118) with this title. */
    public static String tune(String title) {
        return "<tune xmlns='http://jabber.org/protocol/tune'><title>" + title + "</title></tune>";
    }

    /** Item {@code id} with a payload naming it, published {@code seconds} after {@link #T0}. */
    public static PepItem item(String id, long seconds) {
        return new PepItem(id, tune(id), T0.plusSeconds(seconds));
    }
}
