package org.parley.routing.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.server.SessionState;
import org.apache.vysper.xmpp.stanza.MessageStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceRegistry;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.routing.PresenceRegistry;
import org.parley.routing.vysper.RoutingHooks;
import org.parley.routing.vysper.RoutingListener;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.RecipientSession;
import org.parley.xmpp.vysper.UserResources;

/** {@link StanzaRouter} over recording sessions: §8.5 choice, refused writes, the undeliverable path and bounces. */
class StanzaRouterTest {

    private static final String DOMAIN = "example.org";
    private static final BareJid ALICE = BareJid.parse("alice@example.org");
    private static final BareJid ROMEO = BareJid.parse("romeo@example.org");

    private final Registry registry = new Registry();
    private final PresenceRegistry<Stanza> presence = new PresenceRegistry<>();
    private final RoutingHooks hooks = new RoutingHooks();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private RoutingListener.Undeliverable verdict = RoutingListener.Undeliverable.PASS;
    private final StanzaRouter router = new StanzaRouter(DOMAIN, presence, user -> true, hooks);
    private java.util.function.UnaryOperator<Stanza> routing = stanza -> stanza;
    private Recipient romeo;

    @BeforeEach
    void setUp() {
        hooks.register(new RoutingListener() {
            @Override
            public Stanza routing(BareJid user, String resource, Stanza stanza) {
                return StanzaRouterTest.this.routing.apply(stanza);
            }

            @Override
            public void routed(BareJid user, String resource, Stanza stanza, List<String> resources) {
                events.add("routed " + user.local() + " " + resources);
            }

            @Override
            public void delivered(BareJid user, String resource, Stanza stanza) {
                events.add("delivered " + user.local() + "/" + resource);
            }

            @Override
            public Undeliverable undeliverable(BareJid user, Stanza stanza) {
                events.add("undeliverable " + user.local());
                return verdict;
            }

            @Override
            public void bounced(Stanza original, Stanza error) {
                events.add("bounced");
            }

            @Override
            public void sessionEnded(SessionContext session, List<Stanza> undelivered) {
                events.add("sessionEnded " + undelivered.size());
            }
        });
        hooks.seal();
        router.attach(runtime(registry));
        romeo = connect(ROMEO, "garden", 0);
    }

    // ---- fakes ----

    /** A session that records what it was given and refuses once told to (it is closing). */
    static final class Recipient implements RecipientSession {
        final BareJid user;
        final String resource;
        final List<Stanza> received = new CopyOnWriteArrayList<>();
        volatile boolean closing;
        volatile int refusals;
        SessionContext context;

        Recipient(BareJid user, String resource) {
            this.user = user;
            this.resource = resource;
        }

        @Override
        public boolean deliver(Stanza stanza) {
            if (closing) {
                refusals++;
                return false;
            }
            received.add(stanza);
            return true;
        }

        @Override
        public boolean deliverUnbounded(Stanza stanza) {
            return deliver(stanza);
        }

        @Override
        public boolean canReceive() {
            return true; // it finds out it is closing only at the write, the race the router must survive
        }

        List<String> bodies() {
            return received.stream().map(StanzaRouterTest::body).toList();
        }
    }

    /** A Vysper session that is also the {@link Recipient}: all the router asks of a session. */
    private static SessionContext session(Recipient recipient) {
        Entity entity = EntityImpl.parseUnchecked(recipient.user + "/" + recipient.resource);
        return (SessionContext) Proxy.newProxyInstance(StanzaRouterTest.class.getClassLoader(),
                new Class<?>[] {SessionContext.class, RecipientSession.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == RecipientSession.class) {
                        return method.invoke(recipient, args);
                    }
                    return switch (method.getName()) {
                        case "getInitiatingEntity" -> entity;
                        case "getState" -> SessionState.AUTHENTICATED;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "session of " + entity;
                        default -> null;
                    };
                });
    }

    /** Bindings by user and resource; only what the router reads. */
    static final class Registry extends ResourceRegistry implements UserResources {
        private final Map<String, Map<String, SessionContext>> bound = new ConcurrentHashMap<>();

        void bind(BareJid user, String resource, SessionContext session) {
            bound.computeIfAbsent(user.toString(), k -> new ConcurrentHashMap<>()).put(resource, session);
        }

        @Override
        public List<String> getBoundResources(Entity entity, boolean considerBareId) {
            return new ArrayList<>(bound.getOrDefault(entity.getBareJID().getFullQualifiedName(), Map.of())
                    .keySet());
        }

        @Override
        public SessionContext session(Entity user, String resource) {
            return bound.getOrDefault(user.getBareJID().getFullQualifiedName(), Map.of()).get(resource);
        }

        @Override
        public ResourceState state(Entity user, String resource) {
            return null;
        }

        @Override
        public void setState(Entity user, String resource, ResourceState state) {}
    }

    private static ServerRuntimeContext runtime(ResourceRegistry registry) {
        return (ServerRuntimeContext) Proxy.newProxyInstance(StanzaRouterTest.class.getClassLoader(),
                new Class<?>[] {ServerRuntimeContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getResourceRegistry" -> registry;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** A bound, available resource. */
    private Recipient connect(BareJid user, String resource, int priority) {
        Recipient recipient = new Recipient(user, resource);
        recipient.context = session(recipient);
        registry.bind(user, resource, recipient.context);
        presence.available(user, resource, priority, StanzaBuilder.createPresenceStanza(
                EntityImpl.parseUnchecked(user + "/" + resource), null, null, null, null, null).build());
        return recipient;
    }

    private static Stanza chat(String to, String body) {
        return StanzaBuilder.createMessageStanza(EntityImpl.parseUnchecked("romeo@example.org/garden"),
                EntityImpl.parseUnchecked(to), MessageStanzaType.CHAT, null, body).build();
    }

    static String body(Stanza stanza) {
        XMLElement body = stanza.getFirstInnerElement();
        return body == null || !"body".equals(body.getName()) ? null : body.getInnerText().getText();
    }

    private static String errorCondition(Stanza stanza) {
        XMLElement error = stanza.getInnerElementsNamed("error").get(0);
        return error.getInnerElements().get(0).getName();
    }

    // ---- tests ----

    @Test
    @DisplayName("a chat to the bare JID with one available resource is written to it")
    void chatToBareJidIsWritten() {
        Recipient phone = connect(ALICE, "phone", 0);

        router.route(chat("alice@example.org", "hi"));

        assertThat(phone.bodies()).containsExactly("hi");
        assertThat(events).containsExactly("delivered alice/phone", "routed alice [phone]");
        assertThat(romeo.received).isEmpty();
    }

    @Test
    @DisplayName("a refused write is routed again: the other resource gets it")
    void refusedWriteGoesToTheOtherResource() {
        Recipient phone = connect(ALICE, "phone", 5);
        Recipient laptop = connect(ALICE, "laptop", 1);
        phone.closing = true;

        router.route(chat("alice@example.org", "hi"));

        assertThat(phone.refusals).isEqualTo(1);
        assertThat(laptop.bodies()).containsExactly("hi");
        assertThat(events).containsExactly("delivered alice/laptop", "routed alice [laptop]");
    }

    @Test
    @DisplayName("a refused write with nobody left is offered to the listeners, and stored there")
    void refusedWriteWithNobodyLeftIsUndeliverable() {
        Recipient phone = connect(ALICE, "phone", 0);
        phone.closing = true;
        verdict = RoutingListener.Undeliverable.STORED;

        router.route(chat("alice@example.org/phone", "hi"));

        assertThat(phone.refusals).isEqualTo(1);
        assertThat(events).containsExactly("undeliverable alice");
        assertThat(romeo.received).as("stored: no bounce").isEmpty();
    }

    @Test
    @DisplayName("a message with no available resource that no listener keeps bounces with service-unavailable")
    void undeliverableAndPassBounces() {
        Stanza message = chat("alice@example.org", "hi");

        router.route(message);

        assertThat(events).containsExactly("undeliverable alice", "bounced", "delivered romeo/garden",
                "routed romeo [garden]");
        assertThat(romeo.received).hasSize(1);
        Stanza error = romeo.received.get(0);
        assertThat(error.getAttributeValue("type")).isEqualTo("error");
        assertThat(error.getFrom().getFullQualifiedName()).isEqualTo("alice@example.org");
        assertThat(errorCondition(error)).isEqualTo("service-unavailable");
    }

    @Test
    @DisplayName("reroute tells the listeners the session ended, then routes what it never wrote")
    void rerouteFiresSessionEndedThenRoutes() {
        Recipient phone = connect(ALICE, "phone", 5);
        Recipient laptop = connect(ALICE, "laptop", 1);
        phone.closing = true;

        router.reroute(phone.context, List.of(chat("alice@example.org/phone", "one"),
                chat("alice@example.org/phone", "two")));

        // §8.5.3.2.1: a chat to a full JID that cannot take it goes to the bare JID's other resources
        assertThat(laptop.bodies()).containsExactly("one", "two");
        assertThat(events).containsExactly("sessionEnded 2", "delivered alice/laptop", "routed alice [laptop]",
                "delivered alice/laptop", "routed alice [laptop]");
    }

    @Test
    @DisplayName("the routing hook's copy is what the resource gets; null means a listener took it")
    void routingHookReplacesOrTakes() {
        Recipient phone = connect(ALICE, "phone", 0);
        routing = stanza -> body(stanza).equals("take") ? null : chat("alice@example.org", "changed");

        router.route(chat("alice@example.org", "hi"));
        router.route(chat("alice@example.org", "take"));

        assertThat(phone.bodies()).containsExactly("changed");
        assertThat(events).containsExactly("delivered alice/phone", "routed alice [phone]");
    }

    @Test
    @DisplayName("a routing hook that fails (storage) bounces the message with internal-server-error")
    void routingHookFailureBounces() {
        connect(ALICE, "phone", 0);
        routing = stanza -> {
            if (stanza.getTo().getNode().equals("alice")) {
                throw new IllegalStateException("archive down");
            }
            return stanza;
        };

        router.route(chat("alice@example.org", "hi"));

        assertThat(romeo.received).hasSize(1);
        assertThat(errorCondition(romeo.received.get(0))).isEqualTo("internal-server-error");
    }
}
