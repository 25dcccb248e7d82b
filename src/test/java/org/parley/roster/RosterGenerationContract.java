package org.parley.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.subscription.SubscriptionRequestStoreContract;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/**
 * The {@link RosterStore#generation account generation} every roster store must keep, and what it gives roster
 * versioning (RFC 6121 §2.6, ADR 0007 addendum): the {@link RosterService} runs over the backend under test, since
 * the point is what a client holding a {@code ver} of a deleted account gets once the JID is registered again.
 * Part of {@code RosterStoreContract}; the fixture (store, accounts, owners) is that of
 * {@link SubscriptionRequestStoreContract}.
 */
public interface RosterGenerationContract extends SubscriptionRequestStoreContract {

    /** Deletes the account {@code jid} with everything the backend stores for it, as deleting an account does. */
    void deleteAccount(BareJid jid);

    @Test
    default void theGenerationStaysWhileTheAccountExists() {
        BareJid alice = owner("alice@example.org");
        long generation = store().generation(alice);

        store().put(alice, RosterItem.of(BOB, "Bob", SubscriptionState.BOTH, Set.of()));
        store().update(alice, CAROL, entry -> entry.withItem("Carol", Set.of("Friends")));
        store().remove(alice, BOB);

        assertThat(store().generation(alice)).isEqualTo(generation);
        assertThat(store().roster(alice).version()).isEqualTo(3);
    }

    @Test
    default void aReCreatedAccountHasAnotherGenerationAndStartsAgainAtVersion0() {
        BareJid alice = owner("alice@example.org");
        store().put(alice, RosterItem.of(BOB, "Bob", SubscriptionState.BOTH, Set.of()));
        long old = store().generation(alice);

        deleteAccount(alice);
        createAccount(alice);

        assertThat(store().generation(alice)).as("the generation of the new account").isNotEqualTo(old);
        assertThat(store().roster(alice)).isEqualTo(new Roster(alice, 0, List.of()));
        assertThat(store().put(alice, RosterItem.of(CAROL, null, SubscriptionState.NONE, Set.of()))).isEqualTo(1);
    }

    @Test
    default void aVerOfTheDeletedAccountGetsTheWholeRosterOfTheNewOne() {
        BareJid alice = owner("alice@example.org");
        RosterService service = new RosterService(store());
        store().put(alice, RosterItem.of(BOB, "Bob", SubscriptionState.BOTH, Set.of()));              // 1
        store().put(alice, RosterItem.of(CAROL, "Carol", SubscriptionState.BOTH, Set.of()));          // 2
        String cached = ((RosterGetResult.FullRoster) service.get(alice, Optional.empty())).ver();
        deleteAccount(alice);
        createAccount(alice);

        assertThat(service.get(alice, Optional.of(cached))).as("the new roster at version 0, below the cache's")
                .isEqualTo(new RosterGetResult.FullRoster(store().roster(alice), ver(alice, 0)));
        store().put(alice, RosterItem.of(DAVE, "Dave", SubscriptionState.NONE, Set.of()));           // 1
        store().put(alice, RosterItem.of(BOB, "Bobby", SubscriptionState.NONE, Set.of()));           // 2
        assertThat(service.get(alice, Optional.of(cached))).as("at the cache's counter (was: up to date)")
                .isEqualTo(new RosterGetResult.FullRoster(store().roster(alice), ver(alice, 2)));
        store().put(alice, RosterItem.of(CAROL, null, SubscriptionState.NONE, Set.of()));            // 3
        assertThat(service.get(alice, Optional.of(cached))).as("past the cache's counter (was: the pushes since)")
                .isEqualTo(new RosterGetResult.FullRoster(store().roster(alice), ver(alice, 3)));
    }

    @Test
    default void withinOneGenerationVersioningStillAnswersWithNothingOrThePushesSince() {
        BareJid alice = owner("alice@example.org");
        RosterService service = new RosterService(store());
        store().put(alice, RosterItem.of(BOB, "Bob", SubscriptionState.BOTH, Set.of()));              // 1
        String cached = ((RosterGetResult.FullRoster) service.get(alice, Optional.empty())).ver();

        assertThat(service.get(alice, Optional.of(cached))).isEqualTo(new RosterGetResult.UpToDate(cached));
        store().put(alice, RosterItem.of(CAROL, "Carol", SubscriptionState.TO, Set.of()));           // 2
        store().remove(alice, BOB);                                                                  // 3

        RosterGetResult.InterimPushes interim = (RosterGetResult.InterimPushes) service.get(alice, Optional.of(cached));
        assertThat(interim.ver()).isEqualTo(ver(alice, 3));
        assertThat(interim.pushes()).extracting(RosterPush::contact, RosterPush::ver)
                .containsExactly(tuple(CAROL, ver(alice, 2)),
                        tuple(BOB, ver(alice, 3)));
    }

    private String ver(BareJid owner, long counter) {
        return new RosterVersion(store().generation(owner), counter).ver();
    }
}
