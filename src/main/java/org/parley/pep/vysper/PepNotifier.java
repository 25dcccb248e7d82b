package org.parley.pep.vysper;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.delivery.StanzaRelay;
import org.apache.vysper.xmpp.delivery.failure.DeliveryException;
import org.apache.vysper.xmpp.delivery.failure.IgnoreFailureStrategy;
import org.apache.vysper.xmpp.stanza.MessageStanzaType;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.parley.pep.NotifyInterest;
import org.parley.pep.PepItem;
import org.parley.pep.PepNode;
import org.parley.pep.PepService;
import org.parley.roster.RosterItem;
import org.parley.roster.RosterStore;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends PEP event notifications (XEP-0163 §4.3, XEP-0060 §7.1.2) as {@code headline} messages from the owner's bare
 * JID to each full JID that is entitled to the node and asked for it with {@code node+notify}: the owner's own
 * resources, and the resources of contacts subscribed to the owner's presence. Also sends a resource the last items
 * of nodes it has just become interested in (XEP-0163 §4.3.3, "notification after filter change").
 */
final class PepNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(PepNotifier.class);

    private final PepService service;
    private final RosterStore rosters;
    private final NotifyInterest interest;
    private final Supplier<StanzaRelay> relay;
    private final AtomicLong ids = new AtomicLong();

    PepNotifier(PepService service, RosterStore rosters, NotifyInterest interest, Supplier<StanzaRelay> relay) {
        this.service = service;
        this.rosters = rosters;
        this.interest = interest;
        this.relay = relay;
    }

    /** A new or replaced item. */
    void published(PepNode node, PepItem item, XMLElement payload) {
        for (Entity to : recipients(node)) {
            send(node, to, b -> PepStanzas.addItem(b, PepStanzas.EVENT, item, payload));
        }
    }

    /** XEP-0060 §7.2.2.1: an item was retracted with {@code notify='true'}. */
    void retracted(PepNode node, String itemId) {
        for (Entity to : recipients(node)) {
            send(node, to, b -> b.startInnerElement("retract", PepStanzas.EVENT).addAttribute("id", itemId).endInnerElement());
        }
    }

    /** XEP-0060 §8.5.2: every item was purged. */
    void purged(PepNode node) {
        for (Entity to : recipients(node)) {
            sendEvent(node, to, "purge");
        }
    }

    /** XEP-0060 §8.4.2: the node was deleted. */
    void deleted(PepNode node) {
        for (Entity to : recipients(node)) {
            sendEvent(node, to, "delete");
        }
    }

    /**
     * {@code resource} of {@code user} now asks for {@code nodes}: it gets the last item of each such node of its
     * own account and of every contact whose presence it receives and whose node it may read.
     */
    void lastItems(BareJid user, String resource, Set<String> nodes) {
        Set<BareJid> owners = new LinkedHashSet<>();
        owners.add(user);
        for (RosterItem item : rosters.roster(user).items()) {
            if (item.subscription().userReceivesContactPresence()) {
                owners.add(item.contact());
            }
        }
        Entity to = Jids.full(user, resource);
        for (String name : nodes) {
            for (BareJid owner : owners) {
                Optional<PepNode> node = service.node(owner, name)
                        .filter(n -> owner.equals(user) || PepService.notifiesContacts(n) && service.mayRead(n, user));
                node.flatMap(service::lastItem).ifPresent(item -> send(node.get(), to,
                        b -> PepStanzas.addItem(b, PepStanzas.EVENT, item,
                        PepStanzas.parsePayload(item.payload()))));
            }
        }
    }

    private Set<Entity> recipients(PepNode node) {
        Set<Entity> to = new LinkedHashSet<>();
        BareJid owner = node.owner();
        interest.resources(owner, node.name()).forEach(r -> to.add(Jids.full(owner, r)));
        if (PepService.notifiesContacts(node)) {
            for (RosterItem item : rosters.roster(owner).items()) {
                if (item.subscription().contactReceivesUserPresence()) {
                    interest.resources(item.contact(), node.name())
                            .forEach(r -> to.add(Jids.full(item.contact(), r)));
                }
            }
        }
        return to;
    }

    private void sendEvent(PepNode node, Entity to, String element) {
        StanzaBuilder b = message(node, to);
        b.startInnerElement(element, PepStanzas.EVENT).addAttribute("node", node.name()).endInnerElement();
        relay(to, b.endInnerElement());
    }

    private void send(PepNode node, Entity to, Consumer<StanzaBuilder> items) {
        StanzaBuilder b = message(node, to);
        b.startInnerElement("items", PepStanzas.EVENT).addAttribute("node", node.name());
        items.accept(b);
        relay(to, b.endInnerElement().endInnerElement());
    }

    /** A headline message with an open {@code <event/>}: not stored offline, never bounced (XEP-0060 §12.9). */
    private StanzaBuilder message(PepNode node, Entity to) {
        StanzaBuilder b = StanzaBuilder.createMessageStanza(Jids.entity(node.owner()), to, MessageStanzaType.HEADLINE,
                null, null);
        b.addAttribute("id", "pep-" + ids.incrementAndGet());
        return b.startInnerElement("event", PepStanzas.EVENT);
    }

    private void relay(Entity to, StanzaBuilder message) {
        try {
            relay.get().relay(to, message.build(), IgnoreFailureStrategy.IGNORE_FAILURE_STRATEGY);
        } catch (DeliveryException e) {
            LOG.debug("PEP notification to {} not delivered", to, e);
        }
    }
}
