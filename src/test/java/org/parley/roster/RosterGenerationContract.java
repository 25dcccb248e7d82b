package org.parley.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.subscription.SubscriptionRequestStoreContract;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/**
 * The {@link RosterStore#generation account generation} every roster store must keep (RFC 6121 §2.6, ADR 0007
 * addendum).
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
}
