package org.parley.roster.vysper;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceRegistry;
import org.parley.roster.RosterPush;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.RecipientSession;
import org.parley.xmpp.vysper.UserResources;

/**
 * Sends roster pushes (RFC 6121 §2.1.6) to a user's interested resources, on the caller's thread, straight into
 * their sessions: a push is in every interested session's write queue when {@link #push} returns, so the answer to
 * the stanza that caused it (written after) never overtakes it. Pushes keep the order of modification (§2.6.3)
 * through {@link #inCommitOrder}. Which resources are interested is recorded in Vysper's resource registry
 * ({@code CONNECTED_INTERESTED}) by {@link RosterIqHandler} when a resource asks for the roster.
 */
public final class RosterPusher {

    private static final int STRIPES = 64;

    private final AtomicLong ids = new AtomicLong();
    private final Object[] stripes = new Object[STRIPES];
    private volatile ResourceRegistry resources;

    /** A pusher; usable once {@link #attach} has given it the resource registry. */
    public RosterPusher() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Runs {@code work} (a roster change and the queueing of the pushes it causes) while holding the push locks of
     * {@code a} and {@code b} (b may be null or equal to a): pushes are then queued in the order the changes
     * committed. Without it, two concurrent changes of one roster (two resources, or a resource and a contact's
     * subscription stanza) committed versions 16 and 17 but could queue push 17 first, and a client that kept
     * {@code ver} 17 would never learn of change 16 (RFC 6121 §2.6.3: "Roster pushes MUST occur in order of
     * modification"). Locks are taken in stripe order, so two owners cannot deadlock. The lock is held across the
     * transaction and the writes into the sessions' queues (a session's own lock is taken inside it, never the other
     * way round); ADR 0016 says why this one remains.
     */
    public <T> T inCommitOrder(BareJid a, BareJid b, Supplier<T> work) {
        int i = stripe(a);
        int j = b == null ? i : stripe(b);
        synchronized (stripes[Math.min(i, j)]) {
            synchronized (stripes[Math.max(i, j)]) {
                return work.get();
            }
        }
    }

    private static int stripe(BareJid owner) {
        return Math.floorMod(owner.hashCode(), STRIPES);
    }

    /** Gives the pusher Vysper's resource registry, which exists only once the runtime is built. */
    void attach(ResourceRegistry registry) {
        this.resources = registry;
    }

    /** Pushes to every interested resource of the push's owner (§2.2 "all interested resources"), now. */
    public void push(RosterPush push) {
        Entity owner = Jids.entity(push.owner());
        for (String resource : resources.getInterestedResources(owner)) {
            write(resource, push);
        }
    }

    /** Pushes to one resource only (§2.6.3 interim pushes answer that resource's roster get). */
    void pushTo(String resource, RosterPush push) {
        write(resource, push);
    }

    private void write(String resource, RosterPush push) {
        SessionContext session = UserResources.session(resources, Jids.entity(push.owner()), resource);
        if (session == null) {
            return; // the resource went away since; it will get the roster at its next login
        }
        // false when it is closing: it gets the whole roster at its next login
        RecipientSession.deliver(session, stanza(push, Jids.full(push.owner(), resource)));
    }

    /** §2.1.6: no 'from' (implicitly the user's bare JID), 'to' the full JID, a fresh id, ver and one item. */
    private Stanza stanza(RosterPush push, Entity to) {
        StanzaBuilder builder = StanzaBuilder.createIQStanza(null, to, IQStanzaType.SET, "push" + ids.incrementAndGet());
        builder.startInnerElement("query", RosterStanzas.NAMESPACE).addAttribute("ver", push.ver());
        RosterStanzas.addPushItem(builder, push);
        builder.endInnerElement();
        return builder.build();
    }
}
