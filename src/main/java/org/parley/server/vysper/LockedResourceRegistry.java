package org.parley.server.vysper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceRegistry;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceState;
import org.parley.xmpp.vysper.UserResources;

/**
 * Who is bound to which full JID, replacing the tables of Vysper's {@link ResourceRegistry} (whose public methods
 * Vysper calls, so this stays a subclass). Vysper 0.7 keys sessions by the resource string alone, reads its maps
 * without a lock and hands out its internal lists; here a binding is keyed by bare JID <em>and</em> resource (so two
 * users may both bind "phone"), every access takes one lock, every list returned is a copy, and a stream binds at
 * most one resource (RFC 6120 §7: multiple binds per stream were dropped from the protocol).
 *
 * <p>The methods taking only a resource string are Vysper's API; they resolve only a resource bound by exactly one
 * user. Parley's code uses {@link UserResources}.
 */
final class LockedResourceRegistry extends ResourceRegistry implements UserResources {

    /** What {@link #bind} did. */
    sealed interface BindOutcome {}

    /** The resource is now bound to the session. */
    record Bound(String resource) implements BindOutcome {}

    /** The session already has a resource. */
    record AlreadyBound(String resource) implements BindOutcome {}

    /** Another session of the same account holds the resource; nothing was bound. */
    record Conflict(SessionContext holder) implements BindOutcome {}

    /** The account has {@code limit} sessions already; nothing was bound. */
    record TooMany(int limit) implements BindOutcome {}

    private static final class Binding {
        private final SessionContext session;
        private final String user;
        private final String resource;
        private ResourceState state = ResourceState.CONNECTED;
        private int priority;

        private Binding(SessionContext session, String user, String resource) {
            this.session = session;
            this.user = user;
            this.resource = resource;
        }
    }

    private final Object lock = new Object();
    /** Bare JID → resource → binding, in bind order. */
    private final Map<String, Map<String, Binding>> byUser = new HashMap<>();
    private final Map<SessionContext, Binding> bySession = new HashMap<>();

    /**
     * Binds {@code resource} to {@code session}'s account unless the session has a resource already, another of the
     * account's sessions holds it, or the account has {@code maxPerAccount} sessions.
     */
    BindOutcome bind(SessionContext session, String resource, int maxPerAccount) {
        String user = key(session.getInitiatingEntity());
        synchronized (lock) {
            Binding own = bySession.get(session);
            if (own != null) {
                return new AlreadyBound(own.resource);
            }
            Map<String, Binding> resources = byUser.computeIfAbsent(user, u -> new LinkedHashMap<>());
            Binding holder = resources.get(resource);
            if (holder != null) {
                return new Conflict(holder.session);
            }
            if (resources.size() >= maxPerAccount) {
                return new TooMany(maxPerAccount);
            }
            Binding binding = new Binding(session, user, resource);
            resources.put(resource, binding);
            bySession.put(session, binding);
            return new Bound(resource);
        }
    }

    /** Vysper's bind: a server-generated resource, no limit. */
    @Override
    public String bindSession(SessionContext session) {
        if (session.getInitiatingEntity() == null) {
            throw new IllegalStateException("session context must have a initiating entity set");
        }
        BindOutcome outcome = bind(session, UUID.randomUUID().toString(), Integer.MAX_VALUE);
        return outcome instanceof Bound bound ? bound.resource() : ((AlreadyBound) outcome).resource();
    }

    @Override
    public boolean unbindResource(String resourceId) {
        synchronized (lock) {
            Binding binding = unique(b -> b.resource.equals(resourceId));
            if (binding != null) {
                remove(binding);
            }
            return true; // one resource per session: none remains
        }
    }

    @Override
    public void unbindSession(SessionContext session) {
        synchronized (lock) {
            Binding binding = bySession.get(session);
            if (binding != null) {
                remove(binding);
            }
        }
    }

    private void remove(Binding binding) {
        bySession.remove(binding.session);
        Map<String, Binding> resources = byUser.get(binding.user);
        if (resources != null && resources.get(binding.resource) == binding) {
            resources.remove(binding.resource);
            if (resources.isEmpty()) {
                byUser.remove(binding.user);
            }
        }
    }

    @Override
    public String getUniqueResourceForSession(SessionContext session) {
        synchronized (lock) {
            Binding binding = bySession.get(session);
            return binding == null ? null : binding.resource;
        }
    }

    @Override
    public List<String> getResourcesForSession(SessionContext session) {
        String resource = getUniqueResourceForSession(session);
        return resource == null ? new ArrayList<>() : new ArrayList<>(List.of(resource));
    }

    @Override
    public SessionContext getSessionContext(String resourceId) {
        synchronized (lock) {
            Binding binding = unique(b -> b.resource.equals(resourceId));
            return binding == null ? null : binding.session;
        }
    }

    @Override
    public SessionContext session(Entity user, String resource) {
        synchronized (lock) {
            Binding binding = binding(user, resource);
            return binding == null ? null : binding.session;
        }
    }

    @Override
    public ResourceState state(Entity user, String resource) {
        synchronized (lock) {
            Binding binding = binding(user, resource);
            return binding == null ? null : binding.state;
        }
    }

    @Override
    public void setState(Entity user, String resource, ResourceState state) {
        synchronized (lock) {
            Binding binding = binding(user, resource);
            if (binding != null) {
                binding.state = state;
            }
        }
    }

    @Override
    protected List<String> getBoundResources(Entity entity) {
        return getBoundResources(entity, true);
    }

    @Override
    public List<String> getBoundResources(Entity entity, boolean considerBareId) {
        synchronized (lock) {
            Map<String, Binding> resources = byUser.getOrDefault(key(entity), Map.of());
            if (considerBareId || entity.getResource() == null) {
                return new ArrayList<>(resources.keySet());
            }
            return resources.containsKey(entity.getResource())
                    ? new ArrayList<>(List.of(entity.getResource()))
                    : new ArrayList<>();
        }
    }

    @Override
    public List<SessionContext> getSessions(Entity entity) {
        synchronized (lock) {
            List<SessionContext> sessions = new ArrayList<>();
            for (String resource : getBoundResources(entity, false)) {
                sessions.add(binding(entity, resource).session);
            }
            return sessions;
        }
    }

    @Override
    public List<SessionContext> getSessions(Entity entity, Integer prioThreshold) {
        int threshold = prioThreshold == null ? 0 : prioThreshold;
        synchronized (lock) {
            List<SessionContext> sessions = new ArrayList<>();
            for (Binding binding : byUser.getOrDefault(key(entity), Map.of()).values()) {
                if (binding.priority >= threshold) {
                    sessions.add(binding.session);
                }
            }
            return sessions;
        }
    }

    /** Sessions with a bound resource. */
    @Override
    public long getSessionCount() {
        synchronized (lock) {
            return bySession.size();
        }
    }

    @Override
    public List<SessionContext> getHighestPrioSessions(Entity entity, Integer prioThreshold) {
        synchronized (lock) {
            List<SessionContext> results = new ArrayList<>();
            if (entity.isResourceSet()) {
                Binding binding = binding(entity, entity.getResource());
                if (binding != null) {
                    results.add(binding.session);
                }
                return results;
            }
            int current = prioThreshold == null ? Integer.MIN_VALUE : prioThreshold;
            for (Binding binding : byUser.getOrDefault(key(entity), Map.of()).values()) {
                if (binding.priority > current) {
                    results.clear();
                    current = binding.priority;
                }
                if (binding.priority == current) {
                    results.add(binding.session);
                }
            }
            return results;
        }
    }

    @Override
    public boolean setResourceState(String resourceId, ResourceState state) {
        synchronized (lock) {
            Binding binding = unique(b -> b.resource.equals(resourceId));
            if (binding == null) {
                throw new IllegalArgumentException("resource not registered: " + resourceId);
            }
            boolean changed = binding.state != state;
            binding.state = state;
            return changed;
        }
    }

    @Override
    public ResourceState getResourceState(String resourceId) {
        synchronized (lock) {
            Binding binding = unique(b -> b.resource.equals(resourceId));
            return binding == null ? null : binding.state;
        }
    }

    @Override
    public void setResourcePriority(String resourceId, int priority) {
        synchronized (lock) {
            Binding binding = unique(b -> b.resource.equals(resourceId));
            if (binding != null) {
                binding.priority = priority;
            }
        }
    }

    @Override
    public List<String> getInterestedResources(Entity entity) {
        return resourcesIn(entity, ResourceState::isInterested);
    }

    @Override
    public List<String> getAvailableResources(Entity entity) {
        return resourcesIn(entity,
                state -> state == ResourceState.AVAILABLE || state == ResourceState.AVAILABLE_INTERESTED);
    }

    private List<String> resourcesIn(Entity entity, Predicate<ResourceState> wanted) {
        synchronized (lock) {
            List<String> result = new ArrayList<>();
            for (Binding binding : byUser.getOrDefault(key(entity), Map.of()).values()) {
                if (wanted.test(binding.state)) {
                    result.add(binding.resource);
                }
            }
            return result;
        }
    }

    /** Caller holds the lock. */
    private Binding binding(Entity user, String resource) {
        Map<String, Binding> resources = byUser.get(key(user));
        return resources == null || resource == null ? null : resources.get(resource);
    }

    /** The one binding matching, or null when none or several (a resource string alone names no session). */
    private Binding unique(Predicate<Binding> match) {
        Binding found = null;
        for (Binding binding : bySession.values()) {
            if (match.test(binding)) {
                if (found != null) {
                    return null;
                }
                found = binding;
            }
        }
        return found;
    }

    private static String key(Entity entity) {
        return entity.getBareJID().getFullQualifiedName();
    }
}
