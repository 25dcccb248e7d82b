package org.parley.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.offline.OfflineStore.OverQuota;
import org.parley.offline.OfflineStore.StoreResult;
import org.parley.offline.OfflineStore.Stored;
import org.parley.xmpp.BareJid;

/**
 * The behaviour every {@link OfflineStore} must have. Each backend's test implements this interface and hands a
 * fresh, empty store to every test method.
 */
public interface OfflineStoreContract {

    /** A fresh, empty store; called once per test method. */
    OfflineStore store();

    /** Makes {@code owner} an existing account, as the store requires of the owners it stores for. */
    void createAccount(BareJid owner);

    BareJid ALICE = BareJid.parse("alice@example.org");
    BareJid BOB = BareJid.parse("bob@example.org");
    String ROMEO = "romeo@example.net/balcony";

    /** Nanosecond precision on purpose: a store must not round the arrival time. */
    Instant RECEIVED = Instant.parse("2025-01-02T03:04:05.123456789Z");

    OfflineQuota UNLIMITED = new OfflineQuota(Integer.MAX_VALUE, Long.MAX_VALUE);

    static String chat(String body) {
        return "<message xmlns='jabber:client' from='" + ROMEO + "' to='alice@example.org' type='chat'><body>"
                + body + "</body></message>";
    }

    private BareJid owner(BareJid owner) {
        createAccount(owner);
        return owner;
    }

    private long storeOk(BareJid owner, String stanza, OfflineQuota quota) {
        StoreResult result = store().store(owner, ROMEO, stanza, RECEIVED, quota);
        assertThat(result).isInstanceOf(Stored.class);
        return ((Stored) result).id();
    }

    @Test
    default void storeAllAppendsInOrderAndCountsEarlierRequestsOfTheBatchInTheQuota() {
        BareJid alice = owner(ALICE);
        BareJid bob = owner(BOB);
        OfflineQuota two = new OfflineQuota(2, Long.MAX_VALUE);
        List<OfflineStore.StoreRequest> batch = List.of(
                new OfflineStore.StoreRequest(alice, ROMEO, chat("a1"), RECEIVED, two),
                new OfflineStore.StoreRequest(bob, ROMEO, chat("b1"), RECEIVED, two),
                new OfflineStore.StoreRequest(alice, ROMEO, chat("a2"), RECEIVED, two),
                new OfflineStore.StoreRequest(alice, ROMEO, chat("a3"), RECEIVED, two));

        List<StoreResult> results = store().storeAll(batch);

        assertThat(results).hasSize(4);
        assertThat(results.subList(0, 3)).allMatch(Stored.class::isInstance);
        assertThat(results.get(3)).as("the third for alice, over her quota of two").isInstanceOf(OverQuota.class);
        assertThat(store().peek(alice, 10)).extracting(OfflineMessage::stanza)
                .containsExactly(chat("a1"), chat("a2"));
        assertThat(store().peek(bob, 10)).extracting(OfflineMessage::stanza).containsExactly(chat("b1"));
    }

    @Test
    default void anEmptyQueueHasNothing() {
        BareJid alice = owner(ALICE);

        assertThat(store().peek(alice, 10)).isEmpty();
        assertThat(store().count(alice)).isZero();
        assertThat(store().bytes(alice)).isZero();
        assertThat(store().delete(alice, Long.MAX_VALUE)).isZero();
    }

    @Test
    default void messagesComeBackInArrivalOrder() {
        BareJid alice = owner(ALICE);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(storeOk(alice, chat("message " + i), UNLIMITED));
        }

        List<OfflineMessage> all = store().peek(alice, 5000);

        assertThat(all).hasSize(1000);
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(all).extracting(OfflineMessage::id).containsExactlyElementsOf(ids);
        for (int i = 0; i < 1000; i++) {
            assertThat(all.get(i).stanza()).isEqualTo(chat("message " + i));
        }
        assertThat(store().peek(alice, 3)).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(store().count(alice)).isEqualTo(1000);
    }

    @Test
    default void theStanzaTextRoundTripsExactly() {
        BareJid alice = owner(ALICE);
        String stanza = "<message xmlns=\"jabber:client\" from='" + ROMEO + "'"
                + " to=\"alice@example.org\" id='a&amp;b'>"
                + "\n  <body xml:lang='de'>Grüße aus Köln, 例え, 😀 — &lt;/message&gt; &amp;amp; \"q\" 'a'\r\n\t</body>"
                + "<x xmlns='urn:example:unknown' attr='&lt;&gt;'><![CDATA[ <not-markup/> ]]></x>"
                + "<thread>t1</thread>  </message>";
        String from = "romeo@example.net/Balcón 😀";

        StoreResult result = store().store(alice, from, stanza, RECEIVED, UNLIMITED);

        long id = ((Stored) result).id();
        assertThat(store().peek(alice, 1)).containsExactly(new OfflineMessage(id, alice, from, stanza, RECEIVED));
        assertThat(store().bytes(alice)).isEqualTo(OfflineQuota.sizeOf(stanza)).isGreaterThan(stanza.length());
    }

    @Test
    default void overTheMessageQuotaNothingIsStored() {
        BareJid alice = owner(ALICE);
        OfflineQuota three = new OfflineQuota(3, Long.MAX_VALUE);
        for (int i = 0; i < 3; i++) {
            storeOk(alice, chat("m" + i), three);
        }

        assertThat(store().store(alice, ROMEO, chat("m3"), RECEIVED, three)).isEqualTo(new OverQuota());

        assertThat(store().count(alice)).isEqualTo(3);
        assertThat(store().peek(alice, 10)).extracting(OfflineMessage::stanza)
                .containsExactly(chat("m0"), chat("m1"), chat("m2"));
    }

    @Test
    default void overTheByteQuotaNothingIsStored() {
        BareJid alice = owner(ALICE);
        String small = chat("ü"); // non-ASCII: the quota counts UTF-8 bytes, not chars
        long size = OfflineQuota.sizeOf(small);
        assertThat(size).isEqualTo(small.length() + 1);
        OfflineQuota twoAndABit = new OfflineQuota(100, 2 * size + 1);
        storeOk(alice, small, twoAndABit);
        storeOk(alice, small, twoAndABit);

        assertThat(store().store(alice, ROMEO, small, RECEIVED, twoAndABit)).isEqualTo(new OverQuota());
        assertThat(store().store(alice, ROMEO, chat(""), RECEIVED, twoAndABit)).isEqualTo(new OverQuota());

        assertThat(store().count(alice)).isEqualTo(2);
        assertThat(store().bytes(alice)).isEqualTo(2 * size);
    }

    @Test
    default void aQueueMayBeExactlyFull() {
        BareJid alice = owner(ALICE);
        String stanza = chat("x");
        OfflineQuota exactlyTwo = new OfflineQuota(2, 2 * OfflineQuota.sizeOf(stanza));

        storeOk(alice, stanza, exactlyTwo);
        storeOk(alice, stanza, exactlyTwo);

        assertThat(store().store(alice, ROMEO, stanza, RECEIVED, exactlyTwo)).isInstanceOf(OverQuota.class);
        assertThat(store().bytes(alice)).isEqualTo(2 * OfflineQuota.sizeOf(stanza));
    }

    @Test
    default void aMessageLargerThanTheByteQuotaIsRefusedEvenWhenTheQueueIsEmpty() {
        BareJid alice = owner(ALICE);
        String stanza = chat("long enough");

        assertThat(store().store(alice, ROMEO, stanza, RECEIVED, new OfflineQuota(10, OfflineQuota.sizeOf(stanza) - 1)))
                .isInstanceOf(OverQuota.class);
        assertThat(store().store(alice, ROMEO, stanza, RECEIVED, new OfflineQuota(0, Long.MAX_VALUE)))
                .isInstanceOf(OverQuota.class);
        assertThat(store().count(alice)).isZero();
    }

    @Test
    default void deletingDeliveredMessagesFreesQuota() {
        BareJid alice = owner(ALICE);
        OfflineQuota two = new OfflineQuota(2, Long.MAX_VALUE);
        long first = storeOk(alice, chat("a"), two);
        storeOk(alice, chat("b"), two);
        assertThat(store().store(alice, ROMEO, chat("c"), RECEIVED, two)).isInstanceOf(OverQuota.class);

        assertThat(store().delete(alice, first)).isEqualTo(1);

        storeOk(alice, chat("c"), two);
        assertThat(store().peek(alice, 10)).extracting(OfflineMessage::stanza).containsExactly(chat("b"), chat("c"));
    }

    @Test
    default void deleteRemovesExactlyTheMessagesUpToTheId() {
        BareJid alice = owner(ALICE);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(storeOk(alice, chat("m" + i), UNLIMITED));
        }

        assertThat(store().delete(alice, ids.get(3))).isEqualTo(4);

        assertThat(store().peek(alice, 100)).extracting(OfflineMessage::id).containsExactlyElementsOf(ids.subList(4, 10));
        assertThat(store().count(alice)).isEqualTo(6);
        assertThat(store().bytes(alice)).isEqualTo(6 * OfflineQuota.sizeOf(chat("m0")));
        assertThat(store().delete(alice, ids.get(3))).isZero();
        assertThat(store().delete(alice, ids.get(0) - 1)).isZero();
    }

    @Test
    default void peekRemovesNothingAndMessagesArrivingDuringDeliveryStay() {
        BareJid alice = owner(ALICE);
        for (int i = 0; i < 3; i++) {
            storeOk(alice, chat("before " + i), UNLIMITED);
        }
        List<OfflineMessage> delivered = store().peek(alice, 10);
        assertThat(store().peek(alice, 10)).isEqualTo(delivered);

        long later = storeOk(alice, chat("during delivery"), UNLIMITED);
        store().delete(alice, delivered.get(delivered.size() - 1).id());

        assertThat(store().peek(alice, 10)).extracting(OfflineMessage::id).containsExactly(later);
    }

    @Test
    default void otherOwnersAreUnaffected() {
        BareJid alice = owner(ALICE);
        BareJid bob = owner(BOB);
        OfflineQuota two = new OfflineQuota(2, Long.MAX_VALUE);
        long bobsFirst = storeOk(bob, chat("for bob 1"), two);
        storeOk(alice, chat("for alice 1"), two);
        long alicesLast = storeOk(alice, chat("for alice 2"), two);
        assertThat(store().store(alice, ROMEO, chat("for alice 3"), RECEIVED, two)).isInstanceOf(OverQuota.class);

        long bobsSecond = storeOk(bob, chat("for bob 2"), two); // alice's full queue does not limit bob's
        assertThat(store().delete(alice, Math.max(alicesLast, bobsSecond))).isEqualTo(2);

        assertThat(store().peek(alice, 10)).isEmpty();
        assertThat(store().peek(bob, 10)).extracting(OfflineMessage::id).containsExactly(bobsFirst, bobsSecond);
        assertThat(store().peek(bob, 10)).extracting(OfflineMessage::owner).containsOnly(bob);
        assertThat(store().count(bob)).isEqualTo(2);
        assertThat(store().bytes(bob)).isEqualTo(2 * OfflineQuota.sizeOf(chat("for bob 1")));
    }

    @Test
    default void ownersAreMatchedByCanonicalJid() {
        owner(ALICE);
        storeOk(BareJid.parse("Alice@EXAMPLE.org"), chat("hi"), UNLIMITED);

        assertThat(store().count(ALICE)).isEqualTo(1);
        assertThat(store().peek(BareJid.parse("ALICE@example.org"), 1)).extracting(OfflineMessage::owner)
                .containsExactly(ALICE);
    }

    @Test
    default void invalidArgumentsAreRefusedAndStoreNothing() {
        BareJid alice = owner(ALICE);

        assertThatThrownBy(() -> store().peek(alice, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().store(alice, "", chat("x"), RECEIVED, UNLIMITED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().store(alice, "r".repeat(OfflineMessage.MAX_FROM_LENGTH + 1), chat("x"),
                RECEIVED, UNLIMITED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().store(alice, ROMEO, "", RECEIVED, UNLIMITED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().store(alice, ROMEO, chat("x"), RECEIVED, null))
                .isInstanceOf(NullPointerException.class);

        assertThat(store().count(alice)).isZero();
    }

    @Test
    default void aSenderOfTheLongestAcceptedLengthIsStored() {
        BareJid alice = owner(ALICE);
        String from = "r".repeat(1023) + "@" + "d".repeat(1023) + "/" + "é".repeat(1023);

        storeOk(alice, chat("x"), UNLIMITED);
        long id = ((Stored) store().store(alice, from, chat("y"), RECEIVED, UNLIMITED)).id();

        assertThat(store().peek(alice, 2).get(1)).isEqualTo(new OfflineMessage(id, alice, from, chat("y"), RECEIVED));
    }

    @Test
    default void concurrentStoresNeverExceedTheMessageQuota() throws Exception {
        BareJid alice = owner(ALICE);
        List<StoreResult> results = storeConcurrently(alice, new OfflineQuota(37, Long.MAX_VALUE), 8, 20);

        assertThat(results).filteredOn(Stored.class::isInstance).hasSize(37);
        assertThat(results).filteredOn(OverQuota.class::isInstance).hasSize(8 * 20 - 37);
        assertThat(store().count(alice)).isEqualTo(37);
        assertStoredAreExactlyTheQueue(alice, results);
    }

    @Test
    default void concurrentStoresNeverExceedTheByteQuota() throws Exception {
        BareJid alice = owner(ALICE);
        long size = OfflineQuota.sizeOf(chat("concurrent"));
        List<StoreResult> results = storeConcurrently(alice, new OfflineQuota(1000, 23 * size + size / 2), 8, 20);

        assertThat(results).filteredOn(Stored.class::isInstance).hasSize(23);
        assertThat(store().bytes(alice)).isEqualTo(23 * size);
        assertStoredAreExactlyTheQueue(alice, results);
    }

    private List<StoreResult> storeConcurrently(BareJid owner, OfflineQuota quota, int threads, int perThread)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<List<StoreResult>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<StoreResult>> work = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<StoreResult> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(store().store(owner, ROMEO, chat("concurrent"), RECEIVED, quota));
                    }
                    return mine;
                };
                futures.add(pool.submit(work));
            }
            List<StoreResult> all = new ArrayList<>();
            for (Future<List<StoreResult>> future : futures) {
                all.addAll(future.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertStoredAreExactlyTheQueue(BareJid owner, List<StoreResult> results) {
        Set<Long> storedIds = new HashSet<>();
        for (StoreResult result : results) {
            if (result instanceof Stored stored) {
                assertThat(storedIds.add(stored.id())).as("id %d returned twice", stored.id()).isTrue();
            }
        }
        assertThat(store().peek(owner, 10_000)).extracting(OfflineMessage::id)
                .isSorted().containsExactlyInAnyOrderElementsOf(storedIds);
    }
}
