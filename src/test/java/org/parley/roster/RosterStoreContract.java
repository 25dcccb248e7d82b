package org.parley.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.parley.subscription.SubscriptionRequestStoreContract;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/**
 * The behaviour every {@link RosterStore} must have. Each backend's test implements this interface and hands a
 * fresh, empty store to every test method. The roster stores also serve pending requests, so this contract
 * includes {@link SubscriptionRequestStoreContract}; the account generation has its own part,
 * {@link RosterGenerationContract}.
 */
public interface RosterStoreContract extends SubscriptionRequestStoreContract, RosterGenerationContract {

    @Test
    default void putThenReadTheItem() {
        BareJid alice = owner("alice@example.org");
        RosterItem bob = RosterItem.of(BOB, "Bob", SubscriptionState.BOTH, Set.of("Friends"));

        long version = store().put(alice, bob);

        RosterItem stored = new RosterItem(BOB, "Bob", SubscriptionState.BOTH, false, Set.of("Friends"), 1);
        assertThat(version).isEqualTo(1);
        assertThat(store().item(alice, BOB)).contains(stored);
        assertThat(store().roster(alice)).isEqualTo(new Roster(alice, 1, List.of(stored)));
        assertThat(store().entry(alice, BOB)).contains(new RosterEntry(BOB, true, "Bob", Set.of("Friends"),
                SubscriptionState.BOTH, false, null, 1));
    }

    @Test
    default void anUnknownOwnerHasAnEmptyRosterAtVersion0() {
        BareJid alice = owner("alice@example.org");

        assertThat(store().roster(alice)).isEqualTo(new Roster(alice, 0, List.of()));
        assertThat(store().item(alice, BOB)).isEmpty();
        assertThat(store().entry(alice, BOB)).isEmpty();
        assertThat(requests().pendingFor(alice)).isEmpty();
        assertThat(store().changesSince(alice, 0)).contains(new RosterChanges(0, List.of(), List.of()));
    }

    @Test
    default void rostersAreSortedByContactAndKeptApartPerOwner() {
        BareJid alice = owner("alice@example.org");
        BareJid erin = owner("erin@example.org");
        store().put(alice, RosterItem.of(DAVE, null, SubscriptionState.NONE, Set.of()));
        store().put(alice, RosterItem.of(BOB, null, SubscriptionState.NONE, Set.of()));
        store().put(erin, RosterItem.of(CAROL, null, SubscriptionState.TO, Set.of()));

        assertThat(store().roster(alice).items()).extracting(RosterItem::contact).containsExactly(BOB, DAVE);
        assertThat(store().roster(erin).items()).extracting(RosterItem::contact).containsExactly(CAROL);
        assertThat(store().roster(erin).version()).isEqualTo(1);
        assertThat(store().item(erin, BOB)).isEmpty();
    }

    @Test
    default void namesAndGroupsRoundTripAndAreReplaced() {
        BareJid alice = owner("alice@example.org");
        Set<String> groups = Set.of("Zürich", "Friends", "<Work & Play>", "家族", "  padded  ");
        store().put(alice, RosterItem.of(BOB, "Bob «the builder» & co", SubscriptionState.TO, groups));

        RosterItem stored = store().item(alice, BOB).orElseThrow();
        assertThat(stored.name()).isEqualTo("Bob «the builder» & co");
        assertThat(stored.groups()).containsExactly("  padded  ", "<Work & Play>", "Friends", "Zürich", "家族");

        store().put(alice, RosterItem.of(BOB, null, SubscriptionState.TO, Set.of("Friends", "New")));

        assertThat(store().item(alice, BOB).orElseThrow().groups()).containsExactly("Friends", "New");
        assertThat(store().item(alice, BOB).orElseThrow().name()).isNull();

        store().put(alice, RosterItem.of(BOB, null, SubscriptionState.TO, Set.of()));

        assertThat(store().item(alice, BOB).orElseThrow().groups()).isEmpty();
    }

    @Test
    default void everyVisibleChangeBumpsTheVersionAndANoOpDoesNot() {
        BareJid alice = owner("alice@example.org");
        RosterItem bob = RosterItem.of(BOB, "Bob", SubscriptionState.NONE, Set.of());

        assertThat(store().put(alice, bob)).isEqualTo(1);
        assertThat(store().put(alice, bob)).as("the same item again").isEqualTo(1);
        assertThat(store().put(alice, RosterItem.of(BOB, "Bobby", SubscriptionState.NONE, Set.of()))).isEqualTo(2);
        assertThat(store().update(alice, BOB, entry -> entry.withSubscription(SubscriptionState.NONE_PENDING_OUT))
                .version()).isEqualTo(3);
        assertThat(store().update(alice, BOB, entry -> entry.withApproved(true)).version()).isEqualTo(4);
        assertThat(store().update(alice, BOB, entry -> entry).version()).as("a change that changes nothing")
                .isEqualTo(4);
        assertThat(store().update(alice, BOB, entry -> entry.withVersion(99)).version())
                .as("versions are the store's").isEqualTo(4);
        assertThat(store().remove(alice, BOB)).hasValue(5);

        assertThat(store().roster(alice).version()).isEqualTo(5);
        assertThat(store().item(alice, BOB)).isEmpty();
    }

    @Test
    default void changesSinceReturnsExactlyWhatChangedAfterThatVersion() {
        BareJid alice = owner("alice@example.org");
        store().put(alice, RosterItem.of(BOB, null, SubscriptionState.NONE, Set.of()));              // 1
        store().put(alice, RosterItem.of(CAROL, null, SubscriptionState.NONE, Set.of()));            // 2
        store().put(alice, RosterItem.of(DAVE, null, SubscriptionState.NONE, Set.of()));             // 3
        store().update(alice, BOB, entry -> entry.withItem("Bob", Set.of("Friends")));               // 4
        store().remove(alice, CAROL);                                                                // 5
        store().update(alice, DAVE, entry -> entry.withSubscription(SubscriptionState.TO));          // 6

        assertThat(store().changesSince(alice, 6)).contains(new RosterChanges(6, List.of(), List.of()));
        RosterChanges since3 = store().changesSince(alice, 3).orElseThrow();
        assertThat(since3.version()).isEqualTo(6);
        assertThat(since3.changed()).extracting(RosterItem::contact, RosterItem::version)
                .containsExactly(tuple(BOB, 4L),
                        tuple(DAVE, 6L));
        assertThat(since3.changed().get(0).groups()).containsExactly("Friends");
        assertThat(since3.removed()).containsExactly(new RosterChanges.Removal(CAROL, 5));
        RosterChanges since5 = store().changesSince(alice, 5).orElseThrow();
        assertThat(since5.changed()).extracting(RosterItem::contact).containsExactly(DAVE);
        assertThat(since5.removed()).isEmpty();
        RosterChanges since0 = store().changesSince(alice, 0).orElseThrow();
        assertThat(since0.changed()).extracting(RosterItem::contact).containsExactly(BOB, DAVE);
        assertThat(since0.removed()).extracting(RosterChanges.Removal::contact).containsExactly(CAROL);
        assertThat(since0.changed()).containsExactlyElementsOf(
                store().roster(alice).items().stream().sorted(Comparator.comparingLong(RosterItem::version))
                        .toList());
    }

    @Test
    default void anUnknownVersionAsksForTheWholeRoster() {
        BareJid alice = owner("alice@example.org");
        store().put(alice, RosterItem.of(BOB, null, SubscriptionState.NONE, Set.of()));

        assertThat(store().changesSince(alice, 2)).as("newer than the store's").isEmpty();
        assertThat(store().changesSince(alice, -1)).isEmpty();
        assertThat(store().changesSince(owner("erin@example.org"), 1)).isEmpty();
        assertThat(store().changesSince(alice, 1))
                .hasValueSatisfying(changes -> assertThat(changes.isEmpty()).isTrue());
    }

    @Test
    default void anUpdateThatRemovesTheItemReturnsTheAbsentEntryStampedWithTheRemovalVersion() {
        // RosterService takes the removal push's version from this entry
        BareJid alice = owner("alice@example.org");
        store().put(alice, RosterItem.of(BOB, "Bob", SubscriptionState.TO, Set.of()));                // 1

        RosterEntry removed = store().update(alice, BOB, RosterEntry::removed);

        assertThat(removed.isAbsent()).isTrue();
        assertThat(removed.version()).isEqualTo(2);
        assertThat(store().roster(alice).version()).isEqualTo(2);
        assertThat(store().changesSince(alice, 1).orElseThrow().removed())
                .containsExactly(new RosterChanges.Removal(BOB, 2));
    }

    @Test
    default void removeLeavesATombstoneThatAddingAgainClears() {
        BareJid alice = owner("alice@example.org");
        store().put(alice, RosterItem.of(BOB, "Bob", SubscriptionState.BOTH, Set.of("Friends")));    // 1

        assertThat(store().remove(alice, BOB)).hasValue(2);
        assertThat(store().entry(alice, BOB)).isEmpty();
        assertThat(store().changesSince(alice, 1).orElseThrow().removed())
                .containsExactly(new RosterChanges.Removal(BOB, 2));

        assertThat(store().remove(alice, BOB)).as("already gone").isEmpty();
        assertThat(store().remove(alice, CAROL)).as("never there").isEmpty();
        assertThat(store().roster(alice).version()).isEqualTo(2);

        store().put(alice, RosterItem.of(BOB, null, SubscriptionState.NONE, Set.of()));             // 3
        RosterChanges since0 = store().changesSince(alice, 0).orElseThrow();
        assertThat(since0.removed()).isEmpty();
        assertThat(since0.changed()).extracting(RosterItem::contact).containsExactly(BOB);
        assertThat(store().item(alice, BOB).orElseThrow().groups()).as("the old groups went with the item").isEmpty();

        store().remove(alice, BOB);                                                                 // 4
        assertThat(store().changesSince(alice, 0).orElseThrow().removed())
                .containsExactly(new RosterChanges.Removal(BOB, 4));
    }

    @Test
    default void aThrowingOrContactSwitchingChangeChangesNothing() {
        BareJid alice = owner("alice@example.org");
        store().put(alice, RosterItem.of(BOB, "Bob", SubscriptionState.BOTH, Set.of()));
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> store().update(alice, BOB, entry -> {
            throw failure;
        })).isSameAs(failure);
        assertThatThrownBy(() -> store().update(alice, BOB, entry -> RosterEntry.absent(CAROL)))
                .as("a change of another contact's entry").isInstanceOf(IllegalArgumentException.class);
        assertThat(store().roster(alice).items()).extracting(RosterItem::name).containsExactly("Bob");
        assertThat(store().roster(alice).version()).isEqualTo(1);
    }

    @Test
    default void concurrentUpdatesOfOneEntryNeverLoseAnUpdate() throws Exception {
        BareJid alice = owner("alice@example.org");
        store().put(alice, RosterItem.of(BOB, "0", SubscriptionState.NONE, Set.of()));
        int threads = 8;
        int increments = 50;

        runConcurrently(threads, () -> {
            for (int i = 0; i < increments; i++) {
                store().update(alice, BOB, entry -> entry.withItem(
                        String.valueOf(Integer.parseInt(entry.name()) + 1), entry.groups()));
            }
            return null;
        });

        RosterItem bob = store().item(alice, BOB).orElseThrow();
        assertThat(bob.name()).isEqualTo(String.valueOf(threads * increments));
        assertThat(bob.version()).isEqualTo(1 + threads * increments);
        assertThat(store().roster(alice).version()).isEqualTo(1 + threads * increments);
    }

    @Test
    default void updateBothChangesBothEntries() {
        BareJid alice = owner("alice@example.org");
        BareJid bob = owner("bob@example.org");
        store().put(alice, RosterItem.of(bob, null, SubscriptionState.NONE_PENDING_OUT, Set.of()));  // alice 1

        RosterStore.Updated updated = store().updateBoth(
                alice, bob, entry -> entry.withSubscription(SubscriptionState.TO),
                bob, alice, entry -> entry.withSubscription(SubscriptionState.FROM));

        assertThat(updated.a()).isEqualTo(store().entry(alice, bob).orElseThrow());
        assertThat(updated.b()).isEqualTo(store().entry(bob, alice).orElseThrow());
        assertThat(store().item(alice, bob).orElseThrow().subscription()).isEqualTo(SubscriptionState.TO);
        assertThat(store().item(bob, alice).orElseThrow().subscription()).isEqualTo(SubscriptionState.FROM);
        assertThat(store().roster(alice).version()).isEqualTo(2);
        assertThat(store().roster(bob).version()).isEqualTo(1);
    }

    @Test
    default void updateBothChangesNeitherWhenTheSecondChangeThrows() {
        BareJid alice = owner("alice@example.org");
        BareJid bob = owner("bob@example.org");
        store().put(alice, RosterItem.of(bob, "Bob", SubscriptionState.NONE_PENDING_OUT, Set.of()));
        Roster aliceBefore = store().roster(alice);
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> store().updateBoth(
                alice, bob, entry -> entry.withSubscription(SubscriptionState.TO),
                bob, alice, entry -> {
                    throw failure;
                })).isSameAs(failure);

        assertThat(store().roster(alice)).isEqualTo(aliceBefore);
        assertThat(store().roster(bob)).isEqualTo(new Roster(bob, 0, List.of()));
        assertThat(store().changesSince(alice, aliceBefore.version()).orElseThrow().isEmpty()).isTrue();
    }

    @Test
    default void updateBothOfOneOwnerChangesTwoContacts() {
        BareJid alice = owner("alice@example.org");

        store().updateBoth(alice, BOB, entry -> entry.withItem("Bob", Set.of()),
                alice, CAROL, entry -> entry.withItem("Carol", Set.of()));

        assertThat(store().roster(alice).items()).extracting(RosterItem::name).containsExactly("Bob", "Carol");
        assertThat(store().roster(alice).version()).isEqualTo(2);
        assertThatThrownBy(() -> store().updateBoth(alice, BOB, entry -> entry, alice, BOB, entry -> entry))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void oppositeTwoUserUpdatesNeitherDeadlockNorLoseUpdates() throws Exception {
        BareJid alice = owner("alice@example.org");
        BareJid bob = owner("bob@example.org");
        store().put(alice, RosterItem.of(bob, "0", SubscriptionState.BOTH, Set.of()));
        store().put(bob, RosterItem.of(alice, "0", SubscriptionState.BOTH, Set.of()));
        int threads = 8;
        int rounds = 25;
        UnaryOperator<RosterEntry> increment = entry -> entry.withItem(
                String.valueOf(Integer.parseInt(entry.name()) + 1), entry.groups());
        AtomicInteger next = new AtomicInteger();

        runConcurrently(threads, () -> {
            boolean aliceFirst = next.getAndIncrement() % 2 == 0;
            for (int i = 0; i < rounds; i++) {
                if (aliceFirst) {
                    store().updateBoth(alice, bob, increment, bob, alice, increment);
                } else {
                    store().updateBoth(bob, alice, increment, alice, bob, increment);
                }
            }
            return null;
        });

        assertThat(store().item(alice, bob).orElseThrow().name()).isEqualTo(String.valueOf(threads * rounds));
        assertThat(store().item(bob, alice).orElseThrow().name()).isEqualTo(String.valueOf(threads * rounds));
    }

    /** Runs {@code work} on {@code threads} threads released together, and fails if any of them fails. */
    private static void runConcurrently(int threads, Callable<Void> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return work.call();
                }));
            }
            for (Future<Void> result : results) {
                result.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
