package org.parley.roster.vysper;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
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
import org.parley.xmpp.UserLanes;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.UserResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends roster pushes (RFC 6121 §2.1.6) to a user's interested resources, on the user's delivery lane so that
 * pushes keep their order (§2.6.3 "Roster pushes MUST occur in order of modification") and their place among the
 * other stanzas the user receives. Which resources are interested is recorded in Vysper's resource registry
 * ({@code CONNECTED_INTERESTED}) by {@link RosterIqHandler} when a resource asks for the roster.
 */
public final class RosterPusher {

    private static final Logger LOG = LoggerFactory.getLogger(RosterPusher.class);

    private static final int STRIPES = 64;

    private final UserLanes lanes;
    private final AtomicLong ids = new AtomicLong();
    private final Object[] stripes = new Object[STRIPES];
    private volatile ResourceRegistry resources;

    /** A pusher delivering on {@code lanes}; usable once {@link #attach} has given it the resource registry. */
    public RosterPusher(UserLanes lanes) {
        this.lanes = lanes;
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
     * modification"). Locks are taken in stripe order, so two owners cannot deadlock; lane threads never take them.
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

    /** Pushes to every interested resource of the push's owner (§2.2 "all interested resources"). */
    public void push(RosterPush push) {
        onLane(push, () -> {
            Entity owner = Jids.entity(push.owner());
            List<String> interested = resources.getInterestedResources(owner);
            for (String resource : interested) {
                write(resource, push);
            }
        });
    }

    /** Pushes to one resource only (§2.6.3 interim pushes answer that resource's roster get). */
    void pushTo(String resource, RosterPush push) {
        onLane(push, () -> write(resource, push));
    }

    /** Runs {@code task} after the pushes queued so far for {@code owner} (on the owner's lane). */
    void afterPushes(BareJid owner, Runnable task) {
        try {
            lanes.execute(owner, task);
        } catch (RejectedExecutionException e) {
            task.run(); // the continuation (an IQ result) must not be lost with the lane
        }
    }

    private void onLane(RosterPush push, Runnable task) {
        try {
            lanes.execute(push.owner(), task);
        } catch (RejectedExecutionException e) {
            // the change is stored; the client catches up with its next roster get (RFC 6121 §2.6)
            LOG.warn("delivery lane of {} refused a roster push: {}", push.owner(), e.getMessage());
        }
    }

    private void write(String resource, RosterPush push) {
        SessionContext session = UserResources.session(resources, Jids.entity(push.owner()), resource);
        if (session == null) {
            return; // the resource went away since; it will get the roster at its next login
        }
        session.getResponseWriter().write(stanza(push, Jids.full(push.owner(), resource)));
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
