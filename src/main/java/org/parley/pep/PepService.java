package org.parley.pep;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.parley.roster.RosterStore;
import org.parley.xmpp.BareJid;

/**
 * The rules of a user's personal eventing service (XEP-0163 over XEP-0060): who may do what to which node, node
 * auto-creation, publish-options, and item ids. Pure decisions over {@link PepStore} and the owner's roster (for the
 * presence access model); the Vysper layer parses the requests, renders the answers and sends the notifications.
 */
public final class PepService {

    /**
     * Nodes one account may have. Clients use a few dozen (avatar, OMEMO devices and bundles, bookmarks, ...); the
     * bound keeps one account from filling the database with empty nodes.
     */
    public static final int MAX_NODES = 256;

    private final PepStore store;
    private final RosterStore rosters;
    private final Clock clock;

    /** A service over {@code store}, reading presence subscriptions from {@code rosters}. */
    public PepService(PepStore store, RosterStore rosters, Clock clock) {
        this.store = store;
        this.rosters = rosters;
        this.clock = clock;
    }

    /** An outcome: a value, or the XEP-0060 error to answer with. */
    public record Outcome<T>(T value, PepError error) {
        static <T> Outcome<T> ok(T value) {
            return new Outcome<>(value, null);
        }

        static <T> Outcome<T> failed(PepError error) {
            return new Outcome<>(null, error);
        }

        /** Whether it succeeded. */
        public boolean ok() {
            return error == null;
        }
    }

    /** What a publish did: the node as it is now (its config decides who is notified) and the stored item. */
    public record Published(PepNode node, PepItem item) {}

    /**
     * XEP-0060 §7.1: {@code requester} publishes {@code payload} to {@code owner}'s node; only the owner may. The
     * node is created when missing (XEP-0163 §3), with the publish-options as its configuration; an existing node
     * must match them (§7.1.5).
     *
     * @param itemId the item id the publisher chose, or empty for a server-generated one
     * @param publishOptions the publish-options form's fields, or empty for none
     */
    public Outcome<Published> publish(BareJid requester, BareJid owner, String node, Optional<String> itemId,
            String payload, Map<String, List<String>> publishOptions) {
        if (!requester.equals(owner)) {
            return Outcome.failed(PepError.FORBIDDEN);
        }
        if (!PepNode.validName(node)) {
            return Outcome.failed(node == null || node.isEmpty() ? PepError.NODEID_REQUIRED : PepError.BAD_REQUEST);
        }
        if (itemId.isPresent() && !PepItem.validId(itemId.get())) {
            return Outcome.failed(PepError.BAD_REQUEST);
        }
        Optional<PepNode> existing = store.node(owner, node);
        NodeConfigForm.Result options = NodeConfigForm.apply(
                existing.map(PepNode::config).orElse(NodeConfig.DEFAULT), publishOptions);
        if (options.error() != null) {
            return Outcome.failed(PepError.PRECONDITION_NOT_MET);
        }
        if (existing.isPresent() && !existing.get().config().equals(options.config())) {
            return Outcome.failed(PepError.PRECONDITION_NOT_MET);
        }
        if (existing.isEmpty() && store.nodes(owner).size() >= MAX_NODES) {
            return Outcome.failed(PepError.RESOURCE_CONSTRAINT);
        }
        PepItem item = new PepItem(itemId.orElseGet(() -> UUID.randomUUID().toString()), payload, clock.instant());
        PepNode after = store.publish(owner, node, options.config(), item);
        return Outcome.ok(new Published(after, item));
    }

    /**
     * XEP-0060 §6.5: the newest {@code max} items of a node, or the ones with {@code ids} when any are given.
     *
     * @param max how many at most; {@link NodeConfig#MAX_ITEMS_LIMIT} when the request gave no limit
     */
    public Outcome<List<PepItem>> items(BareJid requester, BareJid owner, String node, int max, List<String> ids) {
        Outcome<PepNode> readable = readable(requester, owner, node);
        if (!readable.ok()) {
            return Outcome.failed(readable.error());
        }
        return Outcome.ok(ids.isEmpty() ? store.items(owner, node, max) : store.items(owner, node, ids));
    }

    /**
     * The node, if {@code requester} may see it (XEP-0060 §4.5 access models), else why not. A node that exists but
     * may not be read is reported as such, as XEP-0060 §6.5.9 prescribes.
     */
    public Outcome<PepNode> readable(BareJid requester, BareJid owner, String node) {
        Optional<PepNode> found = store.node(owner, node);
        if (found.isEmpty()) {
            return Outcome.failed(PepError.ITEM_NOT_FOUND);
        }
        return mayRead(found.get(), requester) ? Outcome.ok(found.get())
                : Outcome.failed(found.get().config().accessModel() == AccessModel.WHITELIST
                        ? PepError.CLOSED_NODE : PepError.PRESENCE_SUBSCRIPTION_REQUIRED);
    }

    /** Whether {@code requester} may read {@code node}: the owner always; others by the node's access model. */
    public boolean mayRead(PepNode node, BareJid requester) {
        if (node.owner().equals(requester)) {
            return true;
        }
        return switch (node.config().accessModel()) {
            case OPEN -> true;
            case PRESENCE -> subscribedToOwner(node.owner(), requester);
            case WHITELIST -> false;
        };
    }

    /**
     * Whether {@code contact}'s resources are notified of {@code node}'s items (XEP-0163 §4.3.2): a contact subscribed
     * to the owner's presence, on a node whose access model lets it read. The owner's own resources always are.
     */
    public static boolean notifiesContacts(PepNode node) {
        return node.config().accessModel() != AccessModel.WHITELIST;
    }

    /** Whether {@code contact} receives {@code owner}'s presence: subscription "from" or "both" in owner's roster. */
    public boolean subscribedToOwner(BareJid owner, BareJid contact) {
        return rosters.item(owner, contact).map(i -> i.subscription().contactReceivesUserPresence()).orElse(false);
    }

    /** XEP-0060 §8.1: creates a node, with {@code config} fields applied to the default configuration. */
    public Outcome<PepNode> create(BareJid requester, BareJid owner, String node, Map<String, List<String>> config) {
        if (!requester.equals(owner)) {
            return Outcome.failed(PepError.FORBIDDEN);
        }
        if (!PepNode.validName(node)) {
            // §8.1.2 instant nodes are not offered on a PEP service: a PEP node id names the payload's namespace
            return Outcome.failed(node == null || node.isEmpty() ? PepError.NODEID_REQUIRED : PepError.BAD_REQUEST);
        }
        NodeConfigForm.Result applied = NodeConfigForm.apply(NodeConfig.DEFAULT, config);
        if (applied.error() != null) {
            return Outcome.failed(applied.error());
        }
        if (store.nodes(owner).size() >= MAX_NODES) {
            return Outcome.failed(PepError.RESOURCE_CONSTRAINT);
        }
        PepNode created = new PepNode(owner, node, applied.config());
        return store.create(created) ? Outcome.ok(created) : Outcome.failed(PepError.CONFLICT);
    }

    /** XEP-0060 §8.2: the node's configuration, for its owner. */
    public Outcome<PepNode> configuration(BareJid requester, BareJid owner, String node) {
        if (!requester.equals(owner)) {
            return Outcome.failed(PepError.FORBIDDEN);
        }
        return store.node(owner, node).map(Outcome::ok).orElseGet(() -> Outcome.failed(PepError.ITEM_NOT_FOUND));
    }

    /** XEP-0060 §8.2.4: the owner submits a new configuration. */
    public Outcome<PepNode> configure(BareJid requester, BareJid owner, String node,
            Map<String, List<String>> fields) {
        Outcome<PepNode> current = configuration(requester, owner, node);
        if (!current.ok()) {
            return current;
        }
        NodeConfigForm.Result applied = NodeConfigForm.apply(current.value().config(), fields);
        if (applied.error() != null) {
            return Outcome.failed(applied.error());
        }
        if (!store.configure(owner, node, applied.config())) {
            return Outcome.failed(PepError.ITEM_NOT_FOUND); // deleted meanwhile
        }
        return Outcome.ok(new PepNode(owner, node, applied.config()));
    }

    /** XEP-0060 §7.2: the owner retracts one item. */
    public Outcome<PepNode> retract(BareJid requester, BareJid owner, String node, String itemId) {
        Outcome<PepNode> current = configuration(requester, owner, node);
        if (!current.ok()) {
            return current;
        }
        if (!PepItem.validId(itemId)) {
            return Outcome.failed(PepError.BAD_REQUEST);
        }
        return store.retract(owner, node, itemId) ? current : Outcome.failed(PepError.ITEM_NOT_FOUND);
    }

    /** XEP-0060 §8.5: the owner purges all items. */
    public Outcome<PepNode> purge(BareJid requester, BareJid owner, String node) {
        Outcome<PepNode> current = configuration(requester, owner, node);
        if (!current.ok()) {
            return current;
        }
        return store.purge(owner, node) ? current : Outcome.failed(PepError.ITEM_NOT_FOUND);
    }

    /** XEP-0060 §8.4: the owner deletes the node. */
    public Outcome<PepNode> delete(BareJid requester, BareJid owner, String node) {
        Outcome<PepNode> current = configuration(requester, owner, node);
        if (!current.ok()) {
            return current;
        }
        return store.delete(owner, node) ? current : Outcome.failed(PepError.ITEM_NOT_FOUND);
    }

    /** The nodes of {@code owner} that {@code requester} may read (disco#items, XEP-0060 §5.2). */
    public List<PepNode> visibleNodes(BareJid requester, BareJid owner) {
        return store.nodes(owner).stream().filter(n -> mayRead(n, requester)).toList();
    }

    /** The newest item of {@code node}, if any: what a new subscriber gets (XEP-0163 §4.3.3). */
    public Optional<PepItem> lastItem(PepNode node) {
        return store.items(node.owner(), node.name(), 1).stream().findFirst();
    }

    /** {@code owner}'s node called {@code name}, whatever its access model; for the notifier. */
    public Optional<PepNode> node(BareJid owner, String name) {
        return store.node(owner, name);
    }
}
