package org.parley.carbons;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.parley.xmpp.BareJid;

/**
 * Which resources of each user enabled carbons (XEP-0280 §4, §5). A resource's flag is changed on its own session's
 * thread and read on any thread that routes a message to or from its user, so each user's set is an immutable
 * snapshot replaced atomically. The flag lives as long as the session that bound the resource (stream management
 * resumption keeps it); it is dropped when that session ends.
 */
public final class EnabledResources {

    private final ConcurrentMap<BareJid, Set<String>> enabled = new ConcurrentHashMap<>();

    /** {@code resource} of {@code user} wants copies; enabling twice is the same as once (§10.1). */
    public void enable(BareJid user, String resource) {
        enabled.compute(user, (u, current) -> {
            if (current != null && current.contains(resource)) {
                return current;
            }
            Set<String> next = current == null ? new HashSet<>() : new HashSet<>(current);
            next.add(resource);
            return Set.copyOf(next);
        });
    }

    /** {@code resource} of {@code user} no longer wants copies (disabled, or its session ended). */
    public void disable(BareJid user, String resource) {
        enabled.computeIfPresent(user, (u, current) -> {
            if (!current.contains(resource)) {
                return current;
            }
            Set<String> next = new HashSet<>(current);
            next.remove(resource);
            return next.isEmpty() ? null : Set.copyOf(next);
        });
    }

    /** Whether {@code resource} of {@code user} enabled carbons. */
    public boolean isEnabled(BareJid user, String resource) {
        return enabled.getOrDefault(user, Set.of()).contains(resource);
    }

    /** The resources of {@code user} that get a copy: those that enabled carbons, less {@code excluded}. */
    public List<String> targets(BareJid user, Collection<String> excluded) {
        Set<String> current = enabled.get(user);
        if (current == null) {
            return List.of();
        }
        return current.stream().filter(r -> !excluded.contains(r)).sorted().toList();
    }

    /** How many users have at least one resource with carbons enabled (for tests and diagnostics). */
    public int users() {
        return enabled.size();
    }
}
