package org.parley.pep;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.xmpp.BareJid;

/**
 * Which available resources asked for which nodes' notifications (XEP-0163 §4.2 "filtered notifications": a
 * {@code node+notify} feature in the resource's entity capabilities). Live state only: a resource's entry goes when
 * the resource goes unavailable, and is rebuilt from its next presence. Thread-safe; owned by the PEP component.
 */
public final class NotifyInterest {

    /** user → resource → nodes; the inner maps are replaced, never changed, so readers need no lock. */
    private final Map<BareJid, Map<String, Set<String>>> byUser = new ConcurrentHashMap<>();

    /**
     * Records that {@code resource} of {@code user} now wants notifications of exactly {@code nodes}.
     *
     * @return the nodes it did not want before: it gets their last items now (XEP-0163 §4.3.3 / §6.1.2)
     */
    public Set<String> update(BareJid user, String resource, Set<String> nodes) {
        Set<String> now = Set.copyOf(nodes);
        Set<String> added = new HashSet<>(now);
        byUser.compute(user, (u, resources) -> {
            Map<String, Set<String>> next = resources == null ? new HashMap<>()
                    : new HashMap<>(resources);
            Set<String> before = next.put(resource, now);
            if (before != null) {
                added.removeAll(before);
            }
            return Map.copyOf(next);
        });
        return Set.copyOf(added);
    }

    /** Forgets {@code resource}: it went unavailable. */
    public void remove(BareJid user, String resource) {
        byUser.computeIfPresent(user, (u, resources) -> {
            if (!resources.containsKey(resource)) {
                return resources;
            }
            Map<String, Set<String>> next = new HashMap<>(resources);
            next.remove(resource);
            return next.isEmpty() ? null : Map.copyOf(next);
        });
    }

    /** The resources of {@code user} that want notifications of {@code node}. */
    public List<String> resources(BareJid user, String node) {
        Map<String, Set<String>> resources = byUser.getOrDefault(user, Map.of());
        return resources.entrySet().stream().filter(e -> e.getValue().contains(node)).map(Map.Entry::getKey)
                .sorted().toList();
    }
}
