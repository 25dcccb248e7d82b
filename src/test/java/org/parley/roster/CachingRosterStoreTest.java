package org.parley.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.storage.memory.InMemoryRosterStore;
import org.parley.subscription.SubscriptionRequestStoreContract;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/** What the cache adds to the {@link RosterStoreContract}: fewer reads, and never a stale roster after a write. */
class CachingRosterStoreTest {

    private static final BareJid ALICE = BareJid.parse("alice@example.org");
    private static final BareJid BOB = BareJid.parse("bob@example.org");
    private static final BareJid CAROL = BareJid.parse("carol@example.org");
    private static final RosterItem BOB_BOTH = RosterItem.of(BOB, "Bob", SubscriptionState.BOTH, Set.of());

    private final InMemoryRosterStore backend = new InMemoryRosterStore();
    private final CountingRosterStore counting = new CountingRosterStore(backend);
    private final CachingRosterStore cache = new CachingRosterStore(counting, 100);
    private final ExecutorService loader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopLoader() throws InterruptedException {
        loader.shutdownNow();
        assertThat(loader.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void repeatedRosterAndItemReadsHitTheCache() {
        backend.put(ALICE, BOB_BOTH);

        for (int i = 0; i < 5; i++) {
            assertThat(cache.roster(ALICE)).isEqualTo(backend.roster(ALICE));
            assertThat(cache.item(ALICE, BOB)).isEqualTo(backend.item(ALICE, BOB)).isPresent();
            assertThat(cache.item(ALICE, CAROL)).isEmpty();
        }

        assertThat(counting.rosterReads).hasValue(1);
        assertThat(counting.entryReads).hasValue(0);
    }

    @Test
    void itemLeavesOutAStrangersPendingRequestLikeTheStoreDoes() {
        backend.update(ALICE, CAROL, entry -> SubscriptionRequestStoreContract.strangerAsks(entry,
                SubscriptionRequestStoreContract.request(CAROL, SubscriptionRequestStoreContract.RECEIVED)));

        assertThat(backend.entry(ALICE, CAROL)).isPresent();
        assertThat(cache.item(ALICE, CAROL)).isEmpty().isEqualTo(backend.item(ALICE, CAROL));
        assertThat(cache.entry(ALICE, CAROL)).isEqualTo(backend.entry(ALICE, CAROL));
    }

    @Test
    void putDropsTheCachedRoster() {
        cache.roster(ALICE);

        cache.put(ALICE, BOB_BOTH);

        assertThat(cache.item(ALICE, BOB)).isEqualTo(backend.item(ALICE, BOB)).isPresent();
        assertThat(counting.rosterReads).hasValue(2);
    }

    @Test
    void removeDropsTheCachedRoster() {
        backend.put(ALICE, BOB_BOTH);
        cache.roster(ALICE);

        cache.remove(ALICE, BOB);

        assertThat(cache.roster(ALICE)).isEqualTo(backend.roster(ALICE));
        assertThat(cache.item(ALICE, BOB)).isEmpty();
        assertThat(counting.rosterReads).hasValue(2);
    }

    @Test
    void updateDropsTheCachedRoster() {
        backend.put(ALICE, BOB_BOTH);
        cache.roster(ALICE);

        cache.update(ALICE, BOB, entry -> entry.withItem("Robert", Set.of("Friends")));

        assertThat(cache.item(ALICE, BOB)).map(RosterItem::name).contains("Robert");
        assertThat(cache.roster(ALICE)).isEqualTo(backend.roster(ALICE));
    }

    @Test
    void updateBothDropsBothCachedRosters() {
        cache.roster(ALICE);
        cache.roster(BOB);

        cache.updateBoth(ALICE, BOB, entry -> entry.withItem("Bob", Set.of()),
                BOB, ALICE, entry -> entry.withItem("Alice", Set.of()));

        assertThat(cache.item(ALICE, BOB)).map(RosterItem::name).contains("Bob");
        assertThat(cache.item(BOB, ALICE)).map(RosterItem::name).contains("Alice");
        assertThat(counting.rosterReads).hasValue(4);
    }

    @Test
    void aFailedWriteDropsTheCachedRosterToo() {
        cache.roster(ALICE);
        cache.roster(BOB);

        assertThatThrownBy(() -> cache.updateBoth(ALICE, BOB, entry -> entry.withItem("Bob", Set.of()),
                BOB, ALICE, entry -> {
                    throw new IllegalStateException("refused");
                })).isInstanceOf(IllegalStateException.class);

        assertThat(cache.size()).isZero();
        assertThat(cache.roster(ALICE)).isEqualTo(backend.roster(ALICE));
    }

    @Test
    void evictDropsTheRosterOfADeletedAccount() {
        backend.put(ALICE, BOB_BOTH);
        long generation = cache.generation(ALICE);
        cache.roster(ALICE);

        backend.deleteOwner(ALICE); // the database's cascade: no write passes the cache
        cache.evict(ALICE);

        assertThat(cache.roster(ALICE)).isEqualTo(new Roster(ALICE, 0, List.of()));
        assertThat(cache.item(ALICE, BOB)).isEmpty();
        assertThat(cache.generation(ALICE)).isNotEqualTo(generation);
    }

    @Test
    void aLoadThatReadBeforeAWriteDoesNotInstallItsStaleRoster() throws Exception {
        CountingRosterStore.Hold hold = CountingRosterStore.Hold.one();
        counting.holdNextLoad(hold);
        Future<Roster> stale = loader.submit(() -> cache.roster(ALICE));
        hold.awaitRead(); // the load has read the empty roster and not yet installed it

        cache.put(ALICE, BOB_BOTH);
        hold.release().countDown();

        assertThat(stale.get(10, TimeUnit.SECONDS).items()).as("what the load read, before the put").isEmpty();
        assertThat(cache.item(ALICE, BOB)).as("the put, not the stale load").isPresent();
        assertThat(cache.roster(ALICE)).isEqualTo(backend.roster(ALICE));
        assertThat(counting.rosterReads).hasValue(2);
    }

    @Test
    void aLoadThatReadBeforeAnEvictionDoesNotInstallItsStaleRoster() throws Exception {
        backend.put(ALICE, BOB_BOTH);
        CountingRosterStore.Hold hold = CountingRosterStore.Hold.one();
        counting.holdNextLoad(hold);
        Future<Roster> stale = loader.submit(() -> cache.roster(ALICE));
        hold.awaitRead();

        backend.deleteOwner(ALICE);
        cache.evict(ALICE);
        hold.release().countDown();

        assertThat(stale.get(10, TimeUnit.SECONDS).items()).hasSize(1);
        assertThat(cache.roster(ALICE)).isEqualTo(new Roster(ALICE, 0, List.of()));
    }

    @Test
    void aLoadThatStartedAfterAnotherWasHeldBackIsKept() throws Exception {
        backend.put(ALICE, BOB_BOTH);
        CountingRosterStore.Hold hold = CountingRosterStore.Hold.one();
        counting.holdNextLoad(hold);
        Future<Roster> held = loader.submit(() -> cache.roster(ALICE));
        hold.awaitRead();

        Roster fresh = cache.roster(ALICE); // a second reader loads too: no write came between, both are right
        hold.release().countDown();

        assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo(fresh);
        assertThat(cache.roster(ALICE)).isEqualTo(fresh);
        assertThat(counting.rosterReads).hasValue(2);
    }

    @Test
    void theCacheHoldsNoMoreOwnersThanItsCapacity() {
        CachingRosterStore small = new CachingRosterStore(counting, 2);
        List<BareJid> owners = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            BareJid owner = BareJid.parse("user" + i + "@example.org");
            backend.put(owner, RosterItem.of(BOB, "Bob " + i, SubscriptionState.TO, Set.of()));
            owners.add(owner);
        }

        for (BareJid owner : owners) {
            assertThat(small.roster(owner)).isEqualTo(backend.roster(owner));
            assertThat(small.size()).isLessThanOrEqualTo(2);
        }
        int reads = counting.rosterReads.get();
        assertThat(small.roster(owners.get(9))).as("the one read last is kept").isEqualTo(backend.roster(owners.get(9)));
        assertThat(counting.rosterReads).hasValue(reads);
        for (BareJid owner : owners) {
            assertThat(small.item(owner, BOB)).isEqualTo(backend.item(owner, BOB)); // a dropped one is read again
        }
    }

    @Test
    void concurrentReadersAndWritersEndWithTheStoredRoster() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int writer = t;
                work.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 200; i++) {
                        BareJid contact = BareJid.parse("c" + writer + "-" + (i % 7) + "@example.org");
                        if (i % 3 == 2) {
                            cache.remove(ALICE, contact);
                        } else {
                            cache.put(ALICE, RosterItem.of(contact, "n" + i, SubscriptionState.NONE, Set.of()));
                        }
                    }
                }, pool));
                work.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 400; i++) {
                        cache.roster(ALICE);
                        cache.item(ALICE, BOB);
                    }
                }, pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(cache.roster(ALICE)).isEqualTo(backend.roster(ALICE));
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new CachingRosterStore(backend, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
