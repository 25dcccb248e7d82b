package org.parley.carbons.vysper;

import java.util.List;
import java.util.Objects;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.MessageStanza;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.carbons.CarbonRules;
import org.parley.carbons.EnabledResources;
import org.parley.carbons.MessageFacts;
import org.parley.routing.vysper.RoutingListener;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message carbons (XEP-0280) on the routing hooks. {@link #received}: a message a user's resource sends is copied,
 * wrapped in {@code <sent/>}, to the user's other carbons-enabled resources (§8). {@link #routed}: a message routed
 * to a user is copied, wrapped in {@code <received/>}, to the user's carbons-enabled resources that did not get it
 * (§7: never to one it was written to). {@link CarbonRules} decides which messages qualify; an error the server
 * generated is recognised in {@link #bounced}. Copies go through the router's {@code deliverTo}, so other
 * listeners (client state indication) see them, and they are never routed again (§8.5 does not apply to a copy).
 *
 * <p>Every hook runs on the processing thread of the stanza's sender; the enabled state is changed on each
 * resource's own session thread and read here through {@link EnabledResources}' snapshots.
 */
public final class CarbonsListener implements RoutingListener {

    private static final Logger LOG = LoggerFactory.getLogger(CarbonsListener.class);

    /** Writes a copy to one resource through the router's hooks; false when that session can no longer take it. */
    @FunctionalInterface
    public interface Delivery {
        boolean deliverTo(BareJid user, String resource, Stanza stanza);
    }

    private final EnabledResources enabled;
    private final Delivery delivery;
    /**
     * The error the router is bouncing on this thread right now: {@code bounced} is called just before the router
     * routes it, on the same thread, so {@code routed} can tell it from a client's error with the same addresses.
     */
    private final ThreadLocal<Stanza> bouncing = new ThreadLocal<>();

    public CarbonsListener(EnabledResources enabled, Delivery delivery) {
        this.enabled = Objects.requireNonNull(enabled, "enabled");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    /** §8: a message the user sends goes, as a {@code <sent/>} copy, to their other carbons-enabled resources. */
    @Override
    public boolean received(SessionContext session, Stanza stanza) {
        if (!MessageStanza.isOfType(stanza)) {
            return false;
        }
        bouncing.remove(); // a new stanza from a client: no bounce of an earlier one is on its way any more
        Entity initiating = session.getInitiatingEntity();
        String resource = session.getServerRuntimeContext().getResourceRegistry()
                .getUniqueResourceForSession(session);
        if (initiating == null || resource == null) {
            return false;
        }
        BareJid user = Jids.bare(initiating);
        List<String> targets = enabled.targets(user, List.of(resource));
        if (targets.isEmpty()) {
            return false;
        }
        Entity to;
        try {
            to = stanza.getTo();
        } catch (RuntimeException e) {
            return false; // a malformed 'to': the router answers it
        }
        if (to == null || !to.isNodeSet() || user.equals(Jids.user(to).orElse(null))) {
            // to the server, a component, or the user's own account: the copies, if any, are <received/> ones
            return false;
        }
        if (!CarbonRules.eligible(CarbonCopies.facts(stanza, MessageFacts.Direction.SENT, false))) {
            return false;
        }
        Entity sender = Jids.full(user, resource);
        for (String target : targets) {
            deliver(user, target, CarbonCopies.sent(stanza, sender, user, target));
        }
        return false;
    }

    /**
     * §7: a message routed to {@code user} goes, as a {@code <received/>} copy, to their carbons-enabled resources
     * it was not written to; for a message between the user's own resources, not back to the sending one either.
     */
    @Override
    public void routed(BareJid user, String resource, Stanza stanza, List<String> resources) {
        if (!MessageStanza.isOfType(stanza)) {
            return;
        }
        boolean bounce = isBounce(stanza); // first: it also forgets the bounce it recognises
        List<String> targets = enabled.targets(user, resources);
        Entity from = stanza.getFrom();
        if (!targets.isEmpty() && from != null && from.isResourceSet()
                && user.equals(Jids.user(from).orElse(null))) {
            targets = targets.stream().filter(r -> !r.equals(from.getResource())).toList();
        }
        if (targets.isEmpty()
                || !CarbonRules.eligible(CarbonCopies.facts(stanza, MessageFacts.Direction.RECEIVED, bounce))) {
            return;
        }
        for (String target : targets) {
            deliver(user, target, CarbonCopies.received(stanza, user, target));
        }
    }

    /** Remembers the error, so {@link #routed} does not copy it (it answers no message a client sent). */
    @Override
    public void bounced(Stanza original, Stanza error) {
        if (MessageStanza.isOfType(error)) {
            bouncing.set(error);
        }
    }

    /** §9: the receiving server SHOULD remove {@code <private/>} before it delivers the message. */
    @Override
    public Stanza beforeDelivery(BareJid user, String resource, Stanza stanza) {
        if (!MessageStanza.isOfType(stanza)) {
            return stanza;
        }
        Stanza stripped = CarbonCopies.withoutPrivate(stanza);
        return stripped == null ? stanza : stripped;
    }

    /** The resource's session ended: its flag goes (a client's unavailable presence does not end it). */
    @Override
    public void resourceEnded(BareJid user, String resource) {
        enabled.disable(user, resource);
    }

    /**
     * Whether {@code stanza} is the server's bounce now being routed: the same error, or (when a listener before
     * this one replaced it with a changed copy) one with its addresses and id.
     */
    private boolean isBounce(Stanza stanza) {
        Stanza error = bouncing.get();
        if (error == null) {
            return false;
        }
        boolean same = error == stanza || "error".equals(stanza.getAttributeValue("type"))
                && Objects.equals(error.getAttributeValue("to"), stanza.getAttributeValue("to"))
                && Objects.equals(error.getAttributeValue("from"), stanza.getAttributeValue("from"))
                && Objects.equals(error.getAttributeValue("id"), stanza.getAttributeValue("id"));
        if (same) {
            bouncing.remove();
        }
        return same;
    }

    private void deliver(BareJid user, String resource, Stanza copy) {
        if (!delivery.deliverTo(user, resource, copy)) {
            LOG.debug("carbon copy for {}/{} not written: its session is ending", user, resource);
        }
    }
}
