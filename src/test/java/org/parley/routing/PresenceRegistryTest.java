package org.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;

class PresenceRegistryTest {

    private final PresenceRegistry<String> registry = new PresenceRegistry<>();
    private final BareJid alice = BareJid.parse("alice@example.org");

    @Test
    void firstAvailablePresenceIsInitialAndLaterOnesAreNot() {
        assertThat(registry.available(alice, "phone", 0, "<p1/>")).isTrue();
        assertThat(registry.available(alice, "phone", 3, "<p2/>")).isFalse();
        assertThat(registry.resource(alice, "phone")).hasValueSatisfying(r -> {
            assertThat(r.priority()).isEqualTo(3);
            assertThat(r.presence()).isEqualTo("<p2/>");
        });
        assertThat(registry.isAvailable(alice)).isTrue();
    }

    @Test
    void unavailableForgetsTheResourceAndReturnsItsDirectedPresences() {
        registry.available(alice, "phone", 0, "<p/>");
        registry.available(alice, "desk", 1, "<p/>");
        registry.addDirected(alice, "phone", "room@muc.example.org/alice");
        var before = registry.unavailable(alice, "phone");
        assertThat(before).hasValueSatisfying(r -> assertThat(r.directedTo())
                .containsExactly("room@muc.example.org/alice"));
        assertThat(registry.resources(alice)).extracting(PresenceRegistry.ResourcePresence::resource)
                .containsExactly("desk");
        registry.unavailable(alice, "desk");
        assertThat(registry.isAvailable(alice)).isFalse();
        assertThat(registry.availableUsers()).isEmpty();
        assertThat(registry.unavailable(alice, "desk")).isEmpty();
    }

    @Test
    void directedPresenceFromAnUnavailableResourceIsNotRemembered() {
        registry.addDirected(alice, "phone", "bob@example.org");
        assertThat(registry.resource(alice, "phone")).isEmpty();
        registry.available(alice, "phone", 0, "<p/>");
        registry.addDirected(alice, "phone", "bob@example.org");
        registry.removeDirected(alice, "phone", "bob@example.org");
        assertThat(registry.resource(alice, "phone").orElseThrow().directedTo()).isEmpty();
    }

    @Test
    void resourcesAreSortedByName() {
        registry.available(alice, "b", 0, "<p/>");
        registry.available(alice, "a", 0, "<p/>");
        registry.available(alice, "c", 0, "<p/>");
        assertThat(registry.resources(alice)).extracting(PresenceRegistry.ResourcePresence::resource)
                .containsExactly("a", "b", "c");
    }
}
