package org.parley.xmpp.vysper;

import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceRegistry;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceState;

/**
 * Lookups in the resource registry by user <em>and</em> resource. Vysper 0.7's registry keys sessions by the
 * resource string alone, which worked only because it never honoured a requested resource (it bound a random UUID);
 * now that a client chooses its resource, two users may both be "phone". Parley's registry implements this; the static
 * helpers fall back to Vysper's resource-only lookups for a plain Vysper registry (as in handler tests).
 */
public interface UserResources {

    /** The session bound to {@code user}'s (bare JID) {@code resource}, or null. */
    SessionContext session(Entity user, String resource);

    /** The state of {@code user}'s {@code resource}, or null when it is not bound. */
    ResourceState state(Entity user, String resource);

    /** Sets the state of {@code user}'s {@code resource}; does nothing when it is not bound (any more). */
    void setState(Entity user, String resource, ResourceState state);

    /** {@link #session} on {@code registry}. */
    static SessionContext session(ResourceRegistry registry, Entity user, String resource) {
        return registry instanceof UserResources resources
                ? resources.session(user, resource)
                : registry.getSessionContext(resource);
    }

    /** {@link #state} on {@code registry}. */
    static ResourceState state(ResourceRegistry registry, Entity user, String resource) {
        return registry instanceof UserResources resources
                ? resources.state(user, resource)
                : registry.getResourceState(resource);
    }

    /** {@link #setState} on {@code registry}. */
    static void setState(ResourceRegistry registry, Entity user, String resource, ResourceState state) {
        if (registry instanceof UserResources resources) {
            resources.setState(user, resource, state);
        } else {
            registry.setResourceState(resource, state);
        }
    }
}
