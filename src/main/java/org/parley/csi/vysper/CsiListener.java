package org.parley.csi.vysper;

import java.util.List;
import java.util.Objects;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.csi.ClientStates;
import org.parley.csi.Urgency;
import org.parley.routing.vysper.RoutingListener;
import org.parley.routing.vysper.SessionWriter;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client state indication (XEP-0352) on the routing hooks (ADR 0020). {@code received} takes the client's
 * {@code <inactive/>} and {@code <active/>} (top-level elements, answered with nothing, §4.2); {@code beforeDelivery}
 * holds back, for an inactive resource, what {@link Urgency} says can wait, and lets an urgent stanza through after
 * what was held; {@code resourceEnded} drops what a resource held. Held stanzas are written later past the hooks
 * ({@link SessionWriter}), so they do not meet this listener, or any other, again: register it last, so every other
 * listener has seen (and possibly changed) a stanza before it is held.
 */
public final class CsiListener implements RoutingListener {

    /** XEP-0352's namespace. */
    public static final String NAMESPACE = "urn:xmpp:csi:0";

    private static final Logger LOG = LoggerFactory.getLogger(CsiListener.class);

    private final ClientStates<Stanza> states;
    private final SessionWriter writer;

    /**
     * @param writer the router's write past the hooks
     * @param maxHeld stanzas held per resource at most ({@code csi.max_held})
     */
    public CsiListener(SessionWriter writer, int maxHeld) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.states = new ClientStates<>(maxHeld);
    }

    /** XEP-0352 §4.1: {@code <csi xmlns='urn:xmpp:csi:0'/>}, offered after authentication. */
    public static XMLElement streamFeature() {
        return new XMLElement(NAMESPACE, "csi", null, List.of(), List.of());
    }

    @Override
    public boolean received(SessionContext session, Stanza stanza) {
        if (!NAMESPACE.equals(stanza.getNamespaceURI())) {
            return false;
        }
        boolean inactive = "inactive".equals(stanza.getName());
        if (!inactive && !"active".equals(stanza.getName())) {
            return false; // not a CSI element (<csi/> is a feature, not a command): the core answers it
        }
        String resource = session.getServerRuntimeContext().getResourceRegistry()
                .getUniqueResourceForSession(session);
        if (session.getInitiatingEntity() == null || resource == null) {
            // before resource binding there is no resource to hold anything for; XEP-0352 defines no answer
            LOG.debug("session {}: <{}/> before resource binding ignored", session.getSessionId(), stanza.getName());
            return true;
        }
        indicate(Jids.bare(session.getInitiatingEntity()), resource, inactive);
        return true;
    }

    /** {@code <inactive/>} (true) or {@code <active/>} (false) from the bound {@code resource} of {@code user}. */
    void indicate(BareJid user, String resource, boolean inactive) {
        if (inactive) {
            states.inactive(user, resource);
        } else {
            // §5.1: what was held is in the write queue before anything this client sends next is answered
            int written = states.active(user, resource, out(user, resource));
            LOG.debug("{}/{} active: {} held stanzas written", user, resource, written);
        }
    }

    @Override
    public Stanza beforeDelivery(BareJid user, String resource, Stanza stanza) {
        if (resource == null || !states.isInactive(user, resource)) {
            return stanza; // the common case: one map lookup
        }
        var outgoing = OutgoingStanzas.of(stanza, resource);
        Urgency rule = Urgency.of(outgoing, user.toString());
        boolean pass = states.offer(user, resource, rule, rule.coalescingKey(outgoing), stanza,
                out(user, resource));
        return pass ? stanza : null;
    }

    @Override
    public void resourceEnded(BareJid user, String resource) {
        int dropped = states.ended(user, resource);
        if (dropped > 0) {
            LOG.debug("{}/{} ended: {} held stanzas dropped", user, resource, dropped);
        }
    }

    /**
     * A stream management (XEP-0198) resumption of {@code resource}: XEP-0352 (since 0.2.1) says the client state
     * is not restored on a resumed stream, so it starts active and what was held is written now.
     */
    @Override
    public void resumed(BareJid user, String resource) {
        states.active(user, resource, out(user, resource));
    }

    /** Stanzas held for {@code resource} of {@code user} now (for tests and diagnostics). */
    public int held(BareJid user, String resource) {
        return states.held(user, resource);
    }

    private ClientStates.Output<Stanza> out(BareJid user, String resource) {
        return held -> writer.write(user, resource, held);
    }
}
