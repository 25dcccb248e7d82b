package org.parley.offline.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.stanza.MessageStanzaType;
import org.apache.vysper.xmpp.stanza.PresenceStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.offline.OfflineDelivery;
import org.parley.offline.OfflineQuota;
import org.parley.routing.vysper.Availability;
import org.parley.routing.vysper.RoutingListener.Undeliverable;
import org.parley.routing.vysper.SessionWriter;
import org.parley.storage.memory.InMemoryOfflineStore;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.StanzaXml;

/** {@link OfflineModule} over the in-memory store, a recording session writer and a presence table of its own. */
class OfflineModuleTest {

    private static final String DOMAIN = "example.org";
    private static final BareJid ALICE = BareJid.parse("alice@example.org");
    private static final Entity ROMEO = EntityImpl.parseUnchecked("romeo@example.org/garden");
    private static final Instant NOW = Instant.parse("2026-12-06T10:15:30.250Z");
    private static final OfflineQuota ROOMY = new OfflineQuota(1000, 1_000_000);

    private final InMemoryOfflineStore store = new InMemoryOfflineStore();
    private final FakeAvailability presence = new FakeAvailability();
    private final RecordingWriter writer = new RecordingWriter();

    private OfflineModule module(OfflineQuota quota) {
        return new OfflineModule(DOMAIN, store, quota, presence, writer, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private final OfflineModule module = module(ROOMY);

    // ---- fakes ----

    /** One write the module made: to whom, and what. */
    record Written(BareJid user, String resource, Stanza stanza) {
        String body() {
            return OfflineModuleTest.body(stanza);
        }
    }

    /** Records writes; a resource can be told to refuse from its Nth write on (its session is closing). */
    static final class RecordingWriter implements SessionWriter {
        final List<Written> written = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> takes = new ConcurrentHashMap<>();
        private final Map<String, Integer> count = new ConcurrentHashMap<>();
        private final Map<String, Runnable> onRefuse = new ConcurrentHashMap<>();
        volatile Runnable onWrite = () -> { };

        /** {@code resource} takes {@code n - 1} writes and refuses the Nth and every later one. */
        void refuseFrom(String resource, int n) {
            takes.put(resource, n - 1);
        }

        /** Runs {@code action} (once) when {@code resource} first refuses. */
        void onRefuse(String resource, Runnable action) {
            onRefuse.put(resource, action);
        }

        @Override
        public boolean write(BareJid user, String resource, Stanza stanza) {
            int n = count.merge(resource, 1, Integer::sum);
            if (n > takes.getOrDefault(resource, Integer.MAX_VALUE)) {
                Runnable action = onRefuse.remove(resource);
                if (action != null) {
                    action.run();
                }
                return false;
            }
            written.add(new Written(user, resource, stanza));
            onWrite.run();
            return true;
        }

        List<String> bodies(String resource) {
            return written.stream().filter(w -> w.resource().equals(resource)).map(Written::body).toList();
        }
    }

    /** Who is available, changed by the test. */
    static final class FakeAvailability implements Availability {
        private final Map<BareJid, Map<String, Integer>> available = new ConcurrentHashMap<>();

        void add(BareJid user, String resource, int priority) {
            available.computeIfAbsent(user, k -> new ConcurrentHashMap<>()).put(resource, priority);
        }

        void remove(BareJid user, String resource) {
            available.getOrDefault(user, Map.of()).remove(resource);
        }

        @Override
        public List<Resource> available(BareJid user) {
            List<Resource> resources = new ArrayList<>();
            available.getOrDefault(user, Map.of()).forEach((name, priority) -> resources.add(new Resource(name,
                    priority)));
            return resources;
        }
    }

    // ---- stanzas ----

    private static Stanza chat(String body) {
        return StanzaBuilder.createMessageStanza(ROMEO, EntityImpl.parseUnchecked("alice@example.org"),
                MessageStanzaType.CHAT, null, body).build();
    }

    private static Stanza presenceStanza() {
        return StanzaBuilder.createPresenceStanza(EntityImpl.parseUnchecked("alice@example.org/phone"), null, null,
                null, null, null).build();
    }

    private static Stanza subscribe() {
        return StanzaBuilder.createPresenceStanza(ROMEO, EntityImpl.parseUnchecked("alice@example.org"), null,
                PresenceStanzaType.SUBSCRIBE, null, null).build();
    }

    static String body(Stanza stanza) {
        XMLElement body = stanza.getFirstInnerElement();
        return body == null || !"body".equals(body.getName()) ? null : body.getInnerText().getText();
    }

    /** Stores {@code bodies} for Alice while nobody is available. */
    private void storeWhileOffline(String... bodies) {
        for (String b : bodies) {
            assertThat(module.undeliverable(ALICE, chat(b))).isEqualTo(Undeliverable.STORED);
        }
        assertThat(writer.written).isEmpty();
    }

    /** Alice's resource sends initial presence: asked before it is available, run after. */
    private void signOn(String resource, int priority) {
        boolean owed = module.beforeAvailable(ALICE, resource, priority);
        presence.add(ALICE, resource, priority);
        module.available(ALICE, resource, presenceStanza(), owed);
    }

    // ---- undeliverable ----

    @Test
    @DisplayName("a message nobody can take is stored; other stanzas pass")
    void undeliverableStoresMessagesOnly() {
        assertThat(module.undeliverable(ALICE, chat("hello"))).isEqualTo(Undeliverable.STORED);
        assertThat(module.undeliverable(ALICE, subscribe())).isEqualTo(Undeliverable.PASS);

        assertThat(store.count(ALICE)).isEqualTo(1);
        assertThat(store.peek(ALICE, 10).get(0).from()).isEqualTo("romeo@example.org/garden");
        assertThat(store.peek(ALICE, 10).get(0).receivedAt()).isEqualTo(NOW);
        assertThat(writer.written).as("nobody available: no flush").isEmpty();
    }

    @Test
    @DisplayName("over the quota a message is refused, and nothing more is stored")
    void overQuotaIsRefused() {
        OfflineModule small = module(new OfflineQuota(1, 1_000_000));

        assertThat(small.undeliverable(ALICE, chat("one"))).isEqualTo(Undeliverable.STORED);
        assertThat(small.undeliverable(ALICE, chat("two"))).isEqualTo(Undeliverable.REFUSED);
        assertThat(module(new OfflineQuota(0, 0)).undeliverable(BareJid.parse("bob@example.org"), chat("x")))
                .as("a zero quota turns storage off").isEqualTo(Undeliverable.REFUSED);

        assertThat(store.count(ALICE)).isEqualTo(1);
    }

    // ---- the flush at sign-on ----

    @Test
    @DisplayName("a negative priority is owed no flush and gets no offline messages")
    void negativePriorityOwesNothing() {
        storeWhileOffline("one");

        assertThat(module.beforeAvailable(ALICE, "bot", -1)).isFalse();
        presence.add(ALICE, "bot", -1);
        module.available(ALICE, "bot", presenceStanza(), false);
        assertThat(module.undeliverable(ALICE, chat("two"))).isEqualTo(Undeliverable.STORED);

        assertThat(writer.written).isEmpty();
        assertThat(store.count(ALICE)).isEqualTo(2);
        assertThat(module.beforeAvailable(ALICE, "phone", 0)).as("no flush was left in progress").isTrue();
    }

    @Test
    @DisplayName("initial presence flushes the stored messages in order, with a delay, and deletes them")
    void initialPresenceFlushes() {
        storeWhileOffline("one", "two", "three");

        signOn("phone", 0);

        assertThat(writer.bodies("phone")).containsExactly("one", "two", "three");
        for (Written w : writer.written) {
            assertThat(w.user()).isEqualTo(ALICE);
            List<XMLElement> delays = w.stanza().getInnerElementsNamed("delay", OfflineDelivery.DELAY_NAMESPACE);
            assertThat(delays).hasSize(1);
            assertThat(delays.get(0).getAttributeValue("from")).isEqualTo(DOMAIN);
            assertThat(delays.get(0).getAttributeValue("stamp")).isEqualTo(OfflineDelivery.delayStamp(NOW));
            assertThat(w.stanza().getFrom().getFullQualifiedName()).isEqualTo("romeo@example.org/garden");
        }
        assertThat(store.count(ALICE)).isZero();
        assertThat(module.beforeAvailable(ALICE, "laptop", 0)).as("the flush ended").isTrue();
    }

    @Test
    @DisplayName("more than a batch (100) is flushed in order")
    void moreThanABatch() {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            bodies.add("m" + i);
        }
        storeWhileOffline(bodies.toArray(String[]::new));

        signOn("phone", 0);

        assertThat(writer.bodies("phone")).containsExactlyElementsOf(bodies);
        assertThat(store.count(ALICE)).isZero();
    }

    @Test
    @DisplayName("a session that refuses keeps the rest stored, and the flush moves on to another resource")
    void refusingSessionMovesOn() {
        storeWhileOffline("one", "two", "three");
        presence.add(ALICE, "laptop", 0);
        writer.refuseFrom("phone", 2); // takes "one", then it is closing

        signOn("phone", 5);

        assertThat(writer.bodies("phone")).containsExactly("one");
        assertThat(writer.bodies("laptop")).containsExactly("two", "three");
        assertThat(store.count(ALICE)).isZero();
    }

    @Test
    @DisplayName("a session that refuses, with no other resource, leaves the rest stored and ends the flush")
    void refusingSessionAlone() {
        storeWhileOffline("one", "two", "three");
        writer.refuseFrom("phone", 2);

        signOn("phone", 0);

        assertThat(writer.bodies("phone")).containsExactly("one");
        assertThat(storedBodies()).containsExactly("two", "three");
        assertThat(module.beforeAvailable(ALICE, "laptop", 0)).as("the flush ended").isTrue();
    }

    @Test
    @DisplayName("a resource that signs on while the flushed session refuses gets the rest, though not yet owed")
    void signOnDuringARefusingFlush() {
        storeWhileOffline("one", "two", "three");
        writer.refuseFrom("phone", 2);
        boolean[] laptopOwed = {true};
        writer.onRefuse("phone", () -> {
            // the phone's session is ending while the laptop sends initial presence (on its own thread, in reality):
            // it asks for the flush before it is available, finds one in progress and is not owed a run
            presence.remove(ALICE, "phone");
            laptopOwed[0] = module.beforeAvailable(ALICE, "laptop", 0);
        });

        signOn("phone", 0);
        presence.add(ALICE, "laptop", 0);
        module.available(ALICE, "laptop", presenceStanza(), laptopOwed[0]);

        assertThat(laptopOwed[0]).isFalse();
        assertThat(writer.bodies("phone")).containsExactly("one");
        assertThat(writer.bodies("laptop")).as("the flush in progress drains to whoever asked").containsExactly("two",
                "three");
        assertThat(store.count(ALICE)).isZero();
    }

    // ---- stored before live ----

    @Test
    @DisplayName("during a flush, a message for the flushed resource is held back and stored behind the queue")
    void beforeDeliveryHoldsBackDuringAFlush() throws Exception {
        storeWhileOffline("one", "two");
        CountDownLatch inFlush = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        writer.onWrite = () -> {
            inFlush.countDown();
            await(release);
        };
        boolean owed = module.beforeAvailable(ALICE, "phone", 0);
        presence.add(ALICE, "phone", 0);
        ExecutorService flusher = Executors.newSingleThreadExecutor();
        try {
            Future<?> flush = flusher.submit(() -> module.available(ALICE, "phone", presenceStanza(), owed));
            assertThat(inFlush.await(10, TimeUnit.SECONDS)).isTrue();

            Stanza live = chat("live");
            assertThat(module.beforeDelivery(ALICE, "phone", live)).as("held back").isNull();
            assertThat(module.beforeDelivery(ALICE, "laptop", chat("elsewhere"))).as("another resource")
                    .isNotNull();
            Stanza presenceToPhone = presenceStanza();
            assertThat(module.beforeDelivery(ALICE, "phone", presenceToPhone)).as("not a message")
                    .isSameAs(presenceToPhone);

            writer.onWrite = () -> { };
            release.countDown();
            flush.get(10, TimeUnit.SECONDS);
        } finally {
            flusher.shutdownNow();
        }

        assertThat(writer.bodies("phone")).containsExactly("one", "two", "live");
        assertThat(store.count(ALICE)).isZero();
        Stanza after = chat("after");
        assertThat(module.beforeDelivery(ALICE, "phone", after)).as("no flush: goes out live").isSameAs(after);
    }

    @Test
    @DisplayName("over the quota, a message held back during a flush goes out live instead")
    void beforeDeliveryOverQuotaGoesLive() {
        OfflineModule small = new OfflineModule(DOMAIN, store, new OfflineQuota(1, 1_000_000), presence, writer,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(small.undeliverable(ALICE, chat("one"))).isEqualTo(Undeliverable.STORED);
        Stanza[] live = {chat("live"), null};
        writer.onWrite = () -> {
            // the queue still holds "one" (it is deleted after the batch): "live" would be over the quota
            live[1] = small.beforeDelivery(ALICE, "phone", live[0]);
        };
        boolean owed = small.beforeAvailable(ALICE, "phone", 0);
        presence.add(ALICE, "phone", 0);

        small.available(ALICE, "phone", presenceStanza(), owed);

        assertThat(live[1]).isSameAs(live[0]);
        assertThat(writer.bodies("phone")).containsExactly("one");
    }

    @Test
    @DisplayName("a message stored while a resource is available is flushed to it at once")
    void storedWhileAvailableIsFlushed() {
        signOn("phone", 0);
        assertThat(writer.written).isEmpty();

        assertThat(module.undeliverable(ALICE, chat("raced"))).isEqualTo(Undeliverable.STORED);

        assertThat(writer.bodies("phone")).containsExactly("raced");
        assertThat(store.count(ALICE)).isZero();
    }

    @Test
    @DisplayName("the flush goes to the available resource with the highest non-negative priority")
    void flushGoesToTheHighestPriority() {
        presence.add(ALICE, "bot", -5);
        presence.add(ALICE, "laptop", 1);
        presence.add(ALICE, "tablet", 7);

        assertThat(module.undeliverable(ALICE, chat("one"))).isEqualTo(Undeliverable.STORED);

        assertThat(writer.bodies("tablet")).containsExactly("one");
    }

    private List<String> storedBodies() {
        return store.peek(ALICE, 1000).stream().map(m -> body(StanzaXml.parse(m.stanza()))).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
