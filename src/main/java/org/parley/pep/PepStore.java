package org.parley.pep;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.parley.xmpp.BareJid;

/**
 * Persistence of every user's PEP nodes and their items. Implementations: {@code org.parley.storage.h2.H2PepStore}
 * and {@code org.parley.storage.memory.InMemoryPepStore}, both held to the same contract test. An owner must be an
 * existing account; deleting the account deletes its nodes and items.
 *
 * <p>Every method is atomic on its own. A node keeps at most {@link NodeConfig#maxItems()} items: a publish or a
 * configuration change that would leave more drops the oldest. "Newest" is the order of publication; republishing
 * an existing item id replaces that item and makes it the newest.
 *
 * <p>Implementations are thread-safe. Infrastructure failures surface as an unchecked exception of the storage
 * layer ({@code org.parley.storage.StorageException}); expected outcomes are return values.
 */
public interface PepStore {

    /** The node, if {@code owner} has one called {@code name}. */
    Optional<PepNode> node(BareJid owner, String name);

    /** All of {@code owner}'s nodes, by name. */
    List<PepNode> nodes(BareJid owner);

    /** Creates {@code node} with no items; false, changing nothing, when the owner already has a node of that name. */
    boolean create(PepNode node);

    /**
     * Publishes {@code item} to {@code owner}'s node {@code name}, creating the node with {@code ifAbsent} first
     * when it does not exist (XEP-0163 §3: auto-create). Replaces an item with the same id; trims to max items.
     *
     * @return the node as it is after the publish
     */
    PepNode publish(BareJid owner, String name, NodeConfig ifAbsent, PepItem item);

    /** Up to {@code max} items of the node, newest first; empty when there is no such node. */
    List<PepItem> items(BareJid owner, String name, int max);

    /** The items of the node with these ids that exist, newest first. */
    List<PepItem> items(BareJid owner, String name, Collection<String> ids);

    /** Deletes one item; false when the node or the item does not exist. */
    boolean retract(BareJid owner, String name, String itemId);

    /** Replaces the node's configuration (trimming items to the new maximum); false when there is no such node. */
    boolean configure(BareJid owner, String name, NodeConfig config);

    /** Deletes every item of the node, keeping the node; false when there is no such node. */
    boolean purge(BareJid owner, String name);

    /** Deletes the node and its items; false when there is no such node. */
    boolean delete(BareJid owner, String name);
}
