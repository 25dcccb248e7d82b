package org.parley.storage.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.parley.pep.NodeConfig;
import org.parley.pep.PepItem;
import org.parley.pep.PepNode;
import org.parley.pep.PepStore;
import org.parley.xmpp.BareJid;

/**
 * {@link PepStore} in memory. One monitor guards everything: PEP writes are rare next to their reads' cost, and a
 * single lock makes every method one step, as the H2 store's per-node transactions are, without a lock order to get
 * wrong.
 *
 * <p>Each owner's nodes are kept sorted by name with {@link String#compareTo}, the order of the H2 store's
 * {@code ORDER BY node}. Each node keeps its items in publication order (oldest first), so a republished id is
 * removed and appended, and the trim drops from the front. Like the other in-memory stores it accepts any owner,
 * account or not, and nothing goes when an account is deleted: it has no view of accounts.
 */
public final class InMemoryPepStore implements PepStore {

    /** One node: its configuration and its items, oldest first; only touched under the store's monitor. */
    private static final class Node {
        private NodeConfig config;
        private final LinkedHashMap<String, PepItem> items = new LinkedHashMap<>();

        Node(NodeConfig config) {
            this.config = config;
        }

        void trim() {
            Iterator<PepItem> oldest = items.values().iterator();
            while (items.size() > config.maxItems()) {
                oldest.next();
                oldest.remove();
            }
        }

        List<PepItem> newestFirst() {
            List<PepItem> newest = new ArrayList<>(items.values());
            Collections.reverse(newest);
            return newest;
        }
    }

    private final Map<BareJid, NavigableMap<String, Node>> owners = new HashMap<>();

    @Override
    public synchronized Optional<PepNode> node(BareJid owner, String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(find(owner, name)).map(node -> new PepNode(owner, name, node.config));
    }

    @Override
    public synchronized List<PepNode> nodes(BareJid owner) {
        List<PepNode> nodes = new ArrayList<>();
        nodesOf(owner).forEach((name, node) -> nodes.add(new PepNode(owner, name, node.config)));
        return List.copyOf(nodes);
    }

    @Override
    public synchronized boolean create(PepNode node) {
        Objects.requireNonNull(node, "node");
        return nodesOf(node.owner()).putIfAbsent(node.name(), new Node(node.config())) == null;
    }

    @Override
    public synchronized PepNode publish(BareJid owner, String name, NodeConfig ifAbsent, PepItem item) {
        PepNode wanted = new PepNode(owner, name, ifAbsent); // checks owner, name and config
        Objects.requireNonNull(item, "item");
        Node node = nodesOf(owner).computeIfAbsent(name, k -> new Node(wanted.config()));
        node.items.remove(item.id()); // a republished id moves to the end: the newest
        node.items.put(item.id(), item);
        node.trim();
        return new PepNode(owner, name, node.config);
    }

    @Override
    public synchronized List<PepItem> items(BareJid owner, String name, int max) {
        Objects.requireNonNull(name, "name");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, was " + max);
        }
        Node node = find(owner, name);
        if (node == null) {
            return List.of();
        }
        List<PepItem> newest = node.newestFirst();
        return List.copyOf(newest.subList(0, Math.min(max, newest.size())));
    }

    @Override
    public synchronized List<PepItem> items(BareJid owner, String name, Collection<String> ids) {
        Objects.requireNonNull(name, "name");
        Set<String> wanted = Set.copyOf(ids); // rejects null ids, as the H2 store does
        Node node = find(owner, name);
        if (node == null) {
            return List.of();
        }
        return node.newestFirst().stream().filter(item -> wanted.contains(item.id())).toList();
    }

    @Override
    public synchronized boolean retract(BareJid owner, String name, String itemId) {
        Objects.requireNonNull(itemId, "itemId");
        Node node = find(owner, Objects.requireNonNull(name, "name"));
        return node != null && node.items.remove(itemId) != null;
    }

    @Override
    public synchronized boolean configure(BareJid owner, String name, NodeConfig config) {
        Objects.requireNonNull(config, "config");
        Node node = find(owner, Objects.requireNonNull(name, "name"));
        if (node == null) {
            return false;
        }
        node.config = config;
        node.trim();
        return true;
    }

    @Override
    public synchronized boolean purge(BareJid owner, String name) {
        Node node = find(owner, Objects.requireNonNull(name, "name"));
        if (node == null) {
            return false;
        }
        node.items.clear();
        return true;
    }

    @Override
    public synchronized boolean delete(BareJid owner, String name) {
        Objects.requireNonNull(name, "name");
        return nodesOf(owner).remove(name) != null;
    }

    /** The owner's nodes by name, created empty on first use (an empty map costs little in a fake). */
    private NavigableMap<String, Node> nodesOf(BareJid owner) {
        return owners.computeIfAbsent(Objects.requireNonNull(owner, "owner"), k -> new TreeMap<>());
    }

    private Node find(BareJid owner, String name) {
        return nodesOf(owner).get(name);
    }
}
