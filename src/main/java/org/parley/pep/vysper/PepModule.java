package org.parley.pep.vysper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.delivery.StanzaRelay;
import org.apache.vysper.xmpp.modules.DefaultDiscoAwareModule;
import org.apache.vysper.xmpp.modules.servicediscovery.management.Feature;
import org.apache.vysper.xmpp.modules.servicediscovery.management.Identity;
import org.apache.vysper.xmpp.modules.servicediscovery.management.InfoElement;
import org.apache.vysper.xmpp.modules.servicediscovery.management.InfoRequest;
import org.apache.vysper.xmpp.modules.servicediscovery.management.InfoRequestListener;
import org.apache.vysper.xmpp.modules.servicediscovery.management.Item;
import org.apache.vysper.xmpp.modules.servicediscovery.management.ItemRequestListener;
import org.apache.vysper.xmpp.modules.servicediscovery.management.ServerInfoRequestListener;
import org.apache.vysper.xmpp.modules.servicediscovery.management.ServiceDiscoveryRequestException;
import org.apache.vysper.xmpp.protocol.HandlerDictionary;
import org.apache.vysper.xmpp.protocol.NamespaceHandlerDictionary;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.parley.caps.CapsCache;
import org.parley.pep.NotifyInterest;
import org.parley.pep.PepError;
import org.parley.pep.PepNode;
import org.parley.pep.PepService;
import org.parley.routing.vysper.RoutingListener;
import org.parley.roster.RosterStore;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;

/**
 * Personal eventing (XEP-0163) as a Vysper module: every account is a PEP service. Registers the pubsub IQ handler,
 * answers disco#info and disco#items on an account's bare JID (identity {@code pubsub/pep} and the XEP-0060
 * features Parley implements; each node's {@code pubsub/leaf} identity), and follows presence through its
 * {@link #routingListener()} to know which resources want which notifications.
 */
public final class PepModule extends DefaultDiscoAwareModule
        implements InfoRequestListener, ItemRequestListener, ServerInfoRequestListener {

    /** The XEP-0060 features of every account's PEP service; each one works (see PepIqHandler). */
    static final List<String> FEATURES = List.of("access-open", "access-presence", "access-whitelist",
            "auto-create", "auto-subscribe", "config-node", "create-nodes", "delete-items", "delete-nodes",
            "filtered-notifications", "item-ids", "last-published", "persistent-items", "presence-notifications",
            "publish", "publish-options", "purge-nodes", "retract-items", "retrieve-default", "retrieve-items");

    private final PepService service;
    private final Predicate<BareJid> accountExists;
    private final PepIqHandler handler;
    private final CapsTracker tracker;
    private volatile StanzaRelay relay;

    /** The module for {@code domain}'s accounts. */
    public PepModule(String domain, PepService service, RosterStore rosters, Predicate<BareJid> accountExists,
            CapsCache caps) {
        this.service = service;
        this.accountExists = accountExists;
        NotifyInterest interest = new NotifyInterest();
        PepNotifier notifier = new PepNotifier(service, rosters, interest, () -> relay);
        this.handler = new PepIqHandler(service, notifier, accountExists);
        this.tracker = new CapsTracker(domain, caps, interest, notifier, () -> relay);
    }

    @Override
    public String getName() {
        return "Parley personal eventing (XEP-0163)";
    }

    @Override
    public String getVersion() {
        return "1";
    }

    @Override
    public void initialize(ServerRuntimeContext runtime) {
        super.initialize(runtime);
        this.relay = runtime.getStanzaRelay();
    }

    @Override
    public List<HandlerDictionary> getHandlerDictionaries() {
        List<HandlerDictionary> dictionaries = new ArrayList<>();
        for (String namespace : List.of(PepStanzas.PUBSUB, PepStanzas.OWNER)) {
            NamespaceHandlerDictionary dictionary = new NamespaceHandlerDictionary(namespace);
            dictionary.register(handler);
            dictionary.seal();
            dictionaries.add(dictionary);
        }
        return dictionaries;
    }

    /** The routing listener that follows each resource's presence and capabilities (XEP-0115, XEP-0163 §4.2). */
    public RoutingListener routingListener() {
        return tracker;
    }

    /** Goes ahead of Vysper's dictionaries: clients' answers to the server's capability queries. */
    public HandlerDictionary leadingDictionary() {
        return new CapsAnswerDictionary(tracker);
    }

    @Override
    protected void addInfoRequestListeners(List<InfoRequestListener> listeners) {
        listeners.add(this);
    }

    @Override
    protected void addItemRequestListeners(List<ItemRequestListener> listeners) {
        listeners.add(this);
    }

    @Override
    protected void addServerInfoRequestListeners(List<ServerInfoRequestListener> listeners) {
        listeners.add(this);
    }

    /**
     * disco#info with a node and no 'to': RFC 6120 §10.3.3 has the server answer such a request for the sender's
     * account, and Smack addresses its own PEP nodes that way; Vysper takes a missing 'to' as the server, so the
     * sender's own node is answered here. Without such a node, the server's answer stands.
     */
    @Override
    public List<InfoElement> getServerInfosFor(InfoRequest request) {
        if (request.getTo() != null || request.getNode() == null || request.getFrom() == null) {
            return null;
        }
        BareJid sender = requester(request);
        return service.readable(sender, sender, request.getNode()).ok()
                ? leafInfo() : null;
    }

    /** disco#info on an account's bare JID (XEP-0163 §5), or on one of its nodes (XEP-0060 §5.3). */
    @Override
    public List<InfoElement> getInfosFor(InfoRequest request) throws ServiceDiscoveryRequestException {
        Optional<BareJid> owner = account(request);
        if (owner.isEmpty()) {
            return null;
        }
        if (request.getNode() == null) {
            List<InfoElement> info = new ArrayList<>();
            info.add(new Identity("account", "registered"));
            info.add(new Identity("pubsub", "pep"));
            info.add(new Feature(PepStanzas.PUBSUB));
            FEATURES.forEach(f -> info.add(new Feature(PepStanzas.PUBSUB + "#" + f)));
            return info;
        }
        PepService.Outcome<PepNode> node = service.readable(requester(request), owner.get(), request.getNode());
        if (!node.ok()) {
            throw new ServiceDiscoveryRequestException(node.error() == PepError.ITEM_NOT_FOUND
                    ? StanzaErrorCondition.ITEM_NOT_FOUND : StanzaErrorCondition.FORBIDDEN);
        }
        return leafInfo();
    }

    /** disco#items on an account's bare JID: the nodes the requester may read (XEP-0060 §5.2). */
    @Override
    public List<Item> getItemsFor(InfoRequest request) throws ServiceDiscoveryRequestException {
        Optional<BareJid> owner = account(request);
        if (owner.isEmpty() || request.getNode() != null) {
            return null;
        }
        Entity jid = Jids.entity(owner.get());
        return service.visibleNodes(requester(request), owner.get()).stream()
                .map(n -> new Item(jid, null, n.name())).toList();
    }

    /** The account a request is addressed to; RFC 6121 §8.5.1: one that does not exist is service-unavailable. */
    private Optional<BareJid> account(InfoRequest request) throws ServiceDiscoveryRequestException {
        Entity to = request.getTo();
        if (to == null || !to.isNodeSet() || to.isResourceSet()) {
            return Optional.empty();
        }
        Optional<BareJid> owner = Jids.user(to);
        if (owner.isEmpty() || !accountExists.test(owner.get())) {
            throw new ServiceDiscoveryRequestException(StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
        return owner;
    }

    /** disco#info of one node (XEP-0060 §5.3): a leaf node of a pubsub service. */
    private static List<InfoElement> leafInfo() {
        return List.of(new Identity("pubsub", "leaf"), new Feature(PepStanzas.PUBSUB));
    }

    private static BareJid requester(InfoRequest request) {
        return Jids.bare(request.getFrom());
    }
}
