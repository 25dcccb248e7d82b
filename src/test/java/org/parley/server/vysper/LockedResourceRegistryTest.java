package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceState;
import org.junit.jupiter.api.Test;

class LockedResourceRegistryTest {

    private static final Entity ALICE = new EntityImpl("alice", "example.org", null);
    private static final Entity BOB = new EntityImpl("bob", "example.org", null);

    private final LockedResourceRegistry registry = new LockedResourceRegistry();

    /** A session that knows only its account: all the registry asks of it. */
    private static SessionContext session(Entity user) {
        return (SessionContext) Proxy.newProxyInstance(SessionContext.class.getClassLoader(),
                new Class<?>[] {SessionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInitiatingEntity" -> user;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "session of " + user;
                    default -> null;
                });
    }

    @Test
    void twoAccountsMayBindTheSameResource() {
        SessionContext alice = session(ALICE);
        SessionContext bob = session(BOB);

        assertThat(registry.bind(alice, "phone", 10)).isEqualTo(new LockedResourceRegistry.Bound("phone"));
        assertThat(registry.bind(bob, "phone", 10)).isEqualTo(new LockedResourceRegistry.Bound("phone"));

        assertThat(registry.session(ALICE, "phone")).isSameAs(alice);
        assertThat(registry.session(BOB, "phone")).isSameAs(bob);
        assertThat(registry.getSessionContext("phone")).as("a resource alone names no session").isNull();
        assertThat(registry.getSessionCount()).isEqualTo(2);
    }

    @Test
    void sameResourceOfOneAccountIsAConflictNamingTheHolder() {
        SessionContext first = session(ALICE);
        registry.bind(first, "phone", 10);

        assertThat(registry.bind(session(ALICE), "phone", 10)).isEqualTo(new LockedResourceRegistry.Conflict(first));

        registry.unbindSession(first);
        SessionContext second = session(ALICE);
        assertThat(registry.bind(second, "phone", 10)).isEqualTo(new LockedResourceRegistry.Bound("phone"));
        assertThat(registry.getUniqueResourceForSession(second)).isEqualTo("phone");
    }

    @Test
    void aStreamBindsOneResource() {
        SessionContext alice = session(ALICE);
        registry.bind(alice, "phone", 10);

        assertThat(registry.bind(alice, "laptop", 10)).isEqualTo(new LockedResourceRegistry.AlreadyBound("phone"));
        assertThat(registry.getBoundResources(ALICE, true)).containsExactly("phone");
    }

    @Test
    void anAccountHasAtMostTheLimit() {
        registry.bind(session(ALICE), "a", 2);
        registry.bind(session(ALICE), "b", 2);

        assertThat(registry.bind(session(ALICE), "c", 2)).isEqualTo(new LockedResourceRegistry.TooMany(2));
        assertThat(registry.bind(session(BOB), "c", 2)).as("per account").isInstanceOf(LockedResourceRegistry.Bound.class);
    }

    @Test
    void stateIsKeptPerFullJid() {
        registry.bind(session(ALICE), "phone", 10);
        registry.bind(session(BOB), "phone", 10);

        registry.setState(ALICE, "phone", ResourceState.AVAILABLE_INTERESTED);

        assertThat(registry.state(ALICE, "phone")).isEqualTo(ResourceState.AVAILABLE_INTERESTED);
        assertThat(registry.state(BOB, "phone")).isEqualTo(ResourceState.CONNECTED);
        assertThat(registry.getInterestedResources(ALICE)).containsExactly("phone");
        assertThat(registry.getInterestedResources(BOB)).isEmpty();
        assertThat(registry.getAvailableResources(ALICE)).containsExactly("phone");
    }

    @Test
    void unbindingAReplacedSessionLeavesTheNewBindingAlone() {
        SessionContext old = session(ALICE);
        registry.bind(old, "phone", 10);
        registry.unbindSession(old);
        SessionContext fresh = session(ALICE);
        registry.bind(fresh, "phone", 10);

        registry.unbindSession(old); // a late second end of the old session

        assertThat(registry.session(ALICE, "phone")).isSameAs(fresh);
    }
}
