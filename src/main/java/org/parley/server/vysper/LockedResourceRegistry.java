package org.parley.server.vysper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceRegistry;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceState;

/**
 * Vysper's resource registry with thread-safe reads. Vysper 0.7 locks its three {@code HashMap}s when binding and
 * unbinding, but reads them without a lock and hands out its internal lists, so a delivery lane reading a user's
 * resources while another thread binds one can see a corrupt map or get a {@code ConcurrentModificationException}.
 * Every read here takes the same locks in the same order as Vysper's writers, and returns a copy.
 */
final class LockedResourceRegistry extends ResourceRegistry {

    private <T> T locked(Supplier<T> read) {
        synchronized (boundResources) {
            synchronized (entityResources) {
                synchronized (sessionResources) {
                    return read.get();
                }
            }
        }
    }

    @Override
    public String getUniqueResourceForSession(SessionContext session) {
        return locked(() -> super.getUniqueResourceForSession(session));
    }

    @Override
    public List<String> getResourcesForSession(SessionContext session) {
        return locked(() -> new ArrayList<>(super.getResourcesForSession(session)));
    }

    @Override
    public SessionContext getSessionContext(String resourceId) {
        return locked(() -> super.getSessionContext(resourceId));
    }

    @Override
    public List<String> getBoundResources(Entity entity, boolean considerBareId) {
        return locked(() -> new ArrayList<>(super.getBoundResources(entity, considerBareId)));
    }

    @Override
    public List<SessionContext> getSessions(Entity entity) {
        return locked(() -> super.getSessions(entity));
    }

    @Override
    public List<SessionContext> getSessions(Entity entity, Integer prioThreshold) {
        return locked(() -> super.getSessions(entity, prioThreshold));
    }

    @Override
    public long getSessionCount() {
        return locked(super::getSessionCount);
    }

    @Override
    public List<SessionContext> getHighestPrioSessions(Entity entity, Integer prioThreshold) {
        return locked(() -> super.getHighestPrioSessions(entity, prioThreshold));
    }

    @Override
    public boolean setResourceState(String resourceId, ResourceState state) {
        return locked(() -> super.setResourceState(resourceId, state));
    }

    @Override
    public ResourceState getResourceState(String resourceId) {
        return locked(() -> super.getResourceState(resourceId));
    }

    @Override
    public List<String> getInterestedResources(Entity entity) {
        return locked(() -> super.getInterestedResources(entity));
    }

    @Override
    public List<String> getAvailableResources(Entity entity) {
        return locked(() -> super.getAvailableResources(entity));
    }
}
