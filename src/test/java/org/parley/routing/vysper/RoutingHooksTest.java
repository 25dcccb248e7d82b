package org.parley.routing.vysper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.MessageStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.routing.vysper.RoutingListener.Undeliverable;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;

/** The order, chaining and failure rules of {@link RoutingHooks}. */
class RoutingHooksTest {

    private static final BareJid ALICE = BareJid.parse("alice@example.org");

    private final RoutingHooks hooks = new RoutingHooks();
    private final List<String> calls = new ArrayList<>();

    private static Stanza message(String body) {
        return StanzaBuilder.createMessageStanza(EntityImpl.parseUnchecked("romeo@example.org/garden"),
                EntityImpl.parseUnchecked("alice@example.org"), MessageStanzaType.CHAT, null, body).build();
    }

    /** A listener that records each call under its name, with configurable answers. */
    private class Recording implements RoutingListener {
        final String name;
        Undeliverable verdict = Undeliverable.PASS;
        boolean owe;
        boolean consume;
        UnaryOperator<Stanza> change = s -> s;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public boolean received(SessionContext session, Stanza stanza) {
            calls.add(name + ".received");
            return consume;
        }

        @Override
        public Stanza beforeDelivery(BareJid user, String resource, Stanza stanza) {
            calls.add(name + ".beforeDelivery");
            return change.apply(stanza);
        }

        @Override
        public void delivered(BareJid user, String resource, Stanza stanza) {
            calls.add(name + ".delivered");
        }

        @Override
        public Undeliverable undeliverable(BareJid user, Stanza stanza) {
            calls.add(name + ".undeliverable");
            return verdict;
        }

        @Override
        public void storedOffline(BareJid user, Stanza stanza) {
            calls.add(name + ".storedOffline");
        }

        @Override
        public boolean beforeAvailable(BareJid user, String resource, int priority) {
            calls.add(name + ".beforeAvailable");
            return owe;
        }

        @Override
        public void available(BareJid user, String resource, Stanza presence, boolean owed) {
            calls.add(name + ".available(" + owed + ")");
        }

        @Override
        public void unavailable(BareJid user, String resource) {
            calls.add(name + ".unavailable");
        }
    }

    /** A listener that throws from every hook. */
    private static final class Throwing implements RoutingListener {
        @Override
        public boolean received(SessionContext session, Stanza stanza) {
            throw new IllegalStateException("received");
        }

        @Override
        public Stanza beforeDelivery(BareJid user, String resource, Stanza stanza) {
            throw new IllegalStateException("beforeDelivery");
        }

        @Override
        public void delivered(BareJid user, String resource, Stanza stanza) {
            throw new IllegalStateException("delivered");
        }

        @Override
        public void storedOffline(BareJid user, Stanza stanza) {
            throw new IllegalStateException("storedOffline");
        }

        @Override
        public boolean beforeAvailable(BareJid user, String resource, int priority) {
            throw new IllegalStateException("beforeAvailable");
        }

        @Override
        public void available(BareJid user, String resource, Stanza presence, boolean owed) {
            throw new IllegalStateException("available");
        }
    }

    private Recording register(String name) {
        Recording listener = new Recording(name);
        hooks.register(listener);
        return listener;
    }

    @Test
    @DisplayName("listeners run in the order they were registered")
    void order() {
        Recording a = register("a");
        Recording b = register("b");
        Recording c = register("c");

        hooks.delivered(ALICE, "phone", message("x"));
        hooks.unavailable(ALICE, "phone");

        assertThat(hooks.listeners()).containsExactly(a, b, c);
        assertThat(calls).containsExactly("a.delivered", "b.delivered", "c.delivered", "a.unavailable",
                "b.unavailable", "c.unavailable");
    }

    @Test
    @DisplayName("received: the first listener that consumes the stanza ends the round")
    void receivedConsumes() {
        register("a");
        register("b").consume = true;
        register("c");

        assertThat(hooks.received(null, message("x"))).isTrue();
        assertThat(calls).containsExactly("a.received", "b.received");
    }

    @Test
    @DisplayName("beforeDelivery: each listener sees the previous one's stanza")
    void beforeDeliveryChains() {
        Stanza original = message("original");
        Stanza changed = message("changed");
        Stanza[] seenByB = new Stanza[1];
        register("a").change = s -> changed;
        register("b").change = s -> {
            seenByB[0] = s;
            return s;
        };

        assertThat(hooks.beforeDelivery(ALICE, "phone", original)).isSameAs(changed);
        assertThat(seenByB[0]).isSameAs(changed);
    }

    @Test
    @DisplayName("beforeDelivery: a null holds the stanza back and the later listeners are not asked")
    void beforeDeliveryNullShortCircuits() {
        register("a").change = s -> null;
        register("b");

        assertThat(hooks.beforeDelivery(ALICE, "phone", message("x"))).isNull();
        assertThat(calls).containsExactly("a.beforeDelivery");
    }

    @Test
    @DisplayName("undeliverable: the first verdict other than PASS wins, and every listener hears it was stored")
    void undeliverableFirstVerdictWins() {
        register("a");
        register("b").verdict = Undeliverable.STORED;
        register("c").verdict = Undeliverable.REFUSED;

        assertThat(hooks.undeliverable(ALICE, message("x"))).isEqualTo(Undeliverable.STORED);
        assertThat(calls).containsExactly("a.undeliverable", "b.undeliverable", "a.storedOffline",
                "b.storedOffline", "c.storedOffline");
    }

    @Test
    @DisplayName("undeliverable: REFUSED stops the round without storedOffline; all PASS is PASS")
    void undeliverableRefusedAndPass() {
        register("a").verdict = Undeliverable.REFUSED;
        register("b").verdict = Undeliverable.STORED;
        assertThat(hooks.undeliverable(ALICE, message("x"))).isEqualTo(Undeliverable.REFUSED);
        assertThat(calls).containsExactly("a.undeliverable");

        RoutingHooks passing = new RoutingHooks();
        passing.register(new RoutingListener() { });
        assertThat(passing.undeliverable(ALICE, message("x"))).isEqualTo(Undeliverable.PASS);
        assertThat(new RoutingHooks().undeliverable(ALICE, message("x"))).isEqualTo(Undeliverable.PASS);
    }

    @Test
    @DisplayName("a listener that throws is skipped, the others still run")
    void throwingListenerIsSkipped() {
        hooks.register(new Throwing());
        Recording b = register("b");
        b.owe = true;
        Stanza original = message("x");

        assertThat(hooks.received(null, original)).isFalse();
        assertThat(hooks.beforeDelivery(ALICE, "phone", original)).as("the stanza it had goes on").isSameAs(original);
        hooks.delivered(ALICE, "phone", original);
        boolean[] owed = hooks.beforeAvailable(ALICE, "phone", 0);
        hooks.available(ALICE, "phone", original, owed);

        assertThat(owed).containsExactly(false, true);
        assertThat(calls).containsExactly("b.received", "b.beforeDelivery", "b.delivered", "b.beforeAvailable",
                "b.available(true)");
    }

    @Test
    @DisplayName("storedOffline: a listener that throws does not keep the others from hearing it")
    void storedOfflineSurvivesAThrower() {
        hooks.register(new Throwing());
        register("b").verdict = Undeliverable.STORED;

        assertThat(hooks.undeliverable(ALICE, message("x"))).isEqualTo(Undeliverable.STORED);
        assertThat(calls).containsExactly("b.undeliverable", "b.storedOffline");
    }

    @Test
    @DisplayName("undeliverable: a storage failure is not skipped, it reaches the router")
    void undeliverableFailureReachesTheCaller() {
        register("a");
        hooks.register(new RoutingListener() {
            @Override
            public Undeliverable undeliverable(BareJid user, Stanza stanza) {
                throw new StorageException("disk full");
            }
        });
        register("c").verdict = Undeliverable.STORED;

        assertThatThrownBy(() -> hooks.undeliverable(ALICE, message("x"))).isInstanceOf(StorageException.class);
        assertThat(calls).as("not offered on, nobody told it was stored").containsExactly("a.undeliverable");
    }

    @Test
    @DisplayName("after seal() no listener can be registered")
    void registerAfterSealThrows() {
        register("a");
        hooks.seal();

        assertThatThrownBy(() -> hooks.register(new RoutingListener() { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sealed");
        assertThat(hooks.listeners()).hasSize(1);
    }

    @Test
    @DisplayName("beforeAvailable says per listener who is owed; available passes that on, false for a later one")
    void owedPerListener() {
        register("a");
        register("b").owe = true;
        register("c");

        boolean[] owed = hooks.beforeAvailable(ALICE, "phone", 0);
        hooks.available(ALICE, "phone", message("p"), owed);
        hooks.available(ALICE, "phone", message("p"), null); // a subsequent presence
        hooks.available(ALICE, "phone", message("p"), new boolean[] {true}); // shorter than the list

        assertThat(owed).containsExactly(false, true, false);
        assertThat(calls).containsExactly("a.beforeAvailable", "b.beforeAvailable", "c.beforeAvailable",
                "a.available(false)", "b.available(true)", "c.available(false)",
                "a.available(false)", "b.available(false)", "c.available(false)",
                "a.available(true)", "b.available(false)", "c.available(false)");
    }
}
