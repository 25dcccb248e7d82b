package org.parley.csi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;

/** The per-resource queue: holding, coalescing, the bound, and the order of what is written. */
class ClientStatesTest {

    private static final BareJid USER = BareJid.parse("juliet@capulet.lit");
    private static final String PHONE = "phone";

    private final ClientStates<String> states = new ClientStates<>(4);
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());
    private final ClientStates.Output<String> out = s -> written.add(s);

    /** What the router would write itself: offer returned true. */
    private void deliver(Urgency rule, String key, String stanza) {
        if (states.offer(USER, PHONE, rule, key, stanza, out)) {
            written.add(stanza);
        }
    }

    @Test
    @DisplayName("XEP-0352 §5: a resource is active until it says otherwise; everything passes")
    void activeResourcePassesEverything() {
        deliver(Urgency.PRESENCE_CHANGE, "p romeo", "presence-1");
        deliver(Urgency.CHAT_STATE, "c romeo", "typing");
        assertThat(written).containsExactly("presence-1", "typing");
        assertThat(states.isInactive(USER, PHONE)).isFalse();
    }

    @Test
    void inactiveHoldsWhatCanWaitAndActiveWritesItInOrder() {
        states.inactive(USER, PHONE);
        deliver(Urgency.PRESENCE_CHANGE, "p romeo/a", "romeo-away");
        deliver(Urgency.PEP, null, "mood");
        deliver(Urgency.CHAT_STATE, "c romeo", "typing");
        assertThat(written).isEmpty();
        assertThat(states.held(USER, PHONE)).isEqualTo(3);

        assertThat(states.active(USER, PHONE, out)).isEqualTo(3);
        assertThat(written).containsExactly("romeo-away", "mood", "typing");
        deliver(Urgency.PRESENCE_CHANGE, "p romeo/a", "romeo-back");
        assertThat(written).endsWith("romeo-back");
        assertThat(states.isInactive(USER, PHONE)).isFalse();
    }

    @Test
    void aNewerPresenceReplacesTheHeldOneAndMovesToTheEnd() {
        states.inactive(USER, PHONE);
        deliver(Urgency.PRESENCE_CHANGE, "p romeo/a", "romeo-1");
        deliver(Urgency.PRESENCE_CHANGE, "p nurse/b", "nurse-1");
        deliver(Urgency.PRESENCE_CHANGE, "p romeo/a", "romeo-2");
        deliver(Urgency.CHAT_STATE, "c romeo", "composing");
        deliver(Urgency.CHAT_STATE, "c romeo", "paused");
        deliver(Urgency.OTHER_MESSAGE, null, "receipt-1");
        assertThat(states.held(USER, PHONE)).isEqualTo(4);
        states.active(USER, PHONE, out);
        assertThat(written).containsExactly("nurse-1", "romeo-2", "paused", "receipt-1");
    }

    @Test
    @DisplayName("csi.max_held: one more than the bound writes everything held, in order, the new one last")
    void theBoundFlushesEverything() {
        states.inactive(USER, PHONE);
        for (int i = 1; i <= 4; i++) {
            deliver(Urgency.PRESENCE_CHANGE, "p contact-" + i, "presence-" + i);
        }
        assertThat(written).isEmpty();
        deliver(Urgency.PRESENCE_CHANGE, "p contact-1", "presence-1b"); // replaces: still 4 held
        assertThat(written).isEmpty();
        deliver(Urgency.PEP, null, "mood");
        assertThat(written).containsExactly("presence-2", "presence-3", "presence-4", "presence-1b", "mood");
        assertThat(states.held(USER, PHONE)).isZero();
        assertThat(states.isInactive(USER, PHONE)).isTrue(); // still inactive: holding starts again
        deliver(Urgency.PEP, null, "tune");
        assertThat(written).doesNotContain("tune");
    }

    @Test
    void anUrgentStanzaGoesOutAfterWhatWasHeldBeforeIt() {
        states.inactive(USER, PHONE);
        deliver(Urgency.PRESENCE_CHANGE, "p romeo/a", "romeo-away");
        deliver(Urgency.CHAT_STATE, "c romeo", "composing");
        deliver(Urgency.BODY, null, "hello");
        deliver(Urgency.CHAT_STATE, "c romeo", "active");
        assertThat(written).containsExactly("romeo-away", "composing", "hello");
        assertThat(states.held(USER, PHONE)).isEqualTo(1);
    }

    @Test
    void endedDropsWhatWasHeldAndAFlushStopsWhenTheSessionIsGone() {
        states.inactive(USER, PHONE);
        deliver(Urgency.PRESENCE_CHANGE, "p a", "a");
        deliver(Urgency.PRESENCE_CHANGE, "p b", "b");
        assertThat(states.ended(USER, PHONE)).isEqualTo(2);
        assertThat(states.isInactive(USER, PHONE)).isFalse();
        assertThat(states.ended(USER, PHONE)).isZero();

        states.inactive(USER, PHONE);
        deliver(Urgency.PRESENCE_CHANGE, "p a", "a");
        deliver(Urgency.PRESENCE_CHANGE, "p b", "b");
        List<String> tried = new ArrayList<>();
        assertThat(states.active(USER, PHONE, s -> tried.add(s) && false)).isZero();
        assertThat(tried).containsExactly("a"); // the rest would not have arrived either
    }

    @Test
    void repeatedIndicationsChangeNothing() {
        states.inactive(USER, PHONE);
        deliver(Urgency.PRESENCE_CHANGE, "p a", "a");
        states.inactive(USER, PHONE);
        assertThat(states.held(USER, PHONE)).isEqualTo(1);
        assertThat(states.active(USER, PHONE, out)).isEqualTo(1);
        assertThat(states.active(USER, PHONE, out)).isZero();
        assertThat(written).containsExactly("a");
    }

    @Test
    void resourcesAreIndependent() {
        states.inactive(USER, PHONE);
        assertThat(states.offer(USER, "laptop", Urgency.PRESENCE_CHANGE, "p a", "a", out)).isTrue();
        assertThat(states.offer(BareJid.parse("nurse@capulet.lit"), PHONE, Urgency.PRESENCE_CHANGE, "p a", "a", out))
                .isTrue();
        assertThat(states.offer(USER, PHONE, Urgency.PRESENCE_CHANGE, "p a", "a", out)).isFalse();
    }

    @Test
    @DisplayName("RFC 6120 §10.1 per sender: with many senders at once, each one's stanzas arrive in its order")
    void eachSendersOrderSurvivesConcurrentFlushes() throws Exception {
        ClientStates<String> small = new ClientStates<>(3);
        small.inactive(USER, PHONE);
        List<String> wire = Collections.synchronizedList(new ArrayList<>());
        ClientStates.Output<String> sink = wire::add;
        int senders = 4;
        int rounds = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                String sender = "s" + s;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        // no coalescing key: every stanza is kept, so the whole sequence must arrive in order
                        Urgency rule = i % 5 == 4 ? Urgency.BODY : Urgency.OTHER_MESSAGE;
                        String stanza = sender + ":" + i;
                        if (small.offer(USER, PHONE, rule, null, stanza, sink)) {
                            wire.add(stanza);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        small.active(USER, PHONE, sink);
        assertThat(wire).hasSize(senders * rounds);
        for (int s = 0; s < senders; s++) {
            String prefix = "s" + s + ":";
            List<Integer> seen = wire.stream().filter(x -> x.startsWith(prefix))
                    .map(x -> Integer.parseInt(x.substring(prefix.length()))).toList();
            assertThat(seen).as("sender %s", prefix).isSorted().hasSize(rounds);
        }
    }
}
