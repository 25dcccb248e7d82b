package org.parley.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

class RosterEntryTest {

    private static final BareJid BOB = BareJid.parse("bob@example.org");
    private static final RosterEntry.PendingIn REQUEST =
            new RosterEntry.PendingIn("<presence type='subscribe'/>", Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void theAbsentEntryIsNoRow() {
        RosterEntry absent = RosterEntry.absent(BOB);

        assertThat(absent.isAbsent()).isTrue();
        assertThat(absent.subscription()).isEqualTo(SubscriptionState.NONE);
        assertThat(absent.withItem(null, Set.of()).isAbsent()).isFalse();
        assertThatThrownBy(absent::asItem).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionState.class, names = {"NONE_PENDING_IN", "NONE_PENDING_OUT_IN", "TO_PENDING_IN"})
    void thePendingInStatesNeedTheRequest(SubscriptionState state) {
        RosterEntry inRoster = RosterEntry.absent(BOB).withItem("Bob", Set.of());

        assertThatThrownBy(() -> inRoster.withSubscription(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("withPendingIn");
        assertThat(inRoster.withPendingIn(state, REQUEST).pendingIn()).isEqualTo(REQUEST);
        assertThat(inRoster.withPendingIn(state, REQUEST).withSubscription(state).pendingIn())
                .as("kept while the state has one").isEqualTo(REQUEST);
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionState.class, names = {"NONE_PENDING_IN", "NONE_PENDING_OUT_IN", "TO_PENDING_IN"},
            mode = EnumSource.Mode.EXCLUDE)
    void theOtherStatesHaveNoRequest(SubscriptionState state) {
        RosterEntry pending = RosterEntry.absent(BOB).withPendingIn(SubscriptionState.NONE_PENDING_IN, REQUEST);

        assertThat(pending.withSubscription(state).pendingIn()).as("answered or withdrawn").isNull();
        assertThatThrownBy(() -> pending.withPendingIn(state, REQUEST)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionState.class, names = {"NONE", "NONE_PENDING_IN"}, mode = EnumSource.Mode.EXCLUDE)
    void aStateFromTheUsersOwnActionPutsTheContactInTheRoster(SubscriptionState state) {
        RosterEntry stranger = RosterEntry.absent(BOB).withPendingIn(SubscriptionState.NONE_PENDING_IN, REQUEST);
        RosterEntry changed = state == SubscriptionState.NONE_PENDING_OUT_IN || state == SubscriptionState.TO_PENDING_IN
                ? stranger.withPendingIn(state, REQUEST) : stranger.withSubscription(state);

        assertThat(changed.inRoster()).isTrue();
        assertThatThrownBy(() -> new RosterEntry(BOB, false, null, Set.of(), state, false,
                changed.pendingIn(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStrangersRequestStaysOutsideTheRosterUntilTheUserActs() {
        RosterEntry stranger = RosterEntry.absent(BOB).withPendingIn(SubscriptionState.NONE_PENDING_IN, REQUEST);

        assertThat(stranger.inRoster()).isFalse();
        assertThat(stranger.isAbsent()).isFalse();
        assertThat(stranger.withSubscription(SubscriptionState.NONE).isAbsent()).isTrue();
        assertThat(stranger.withApproved(false).inRoster()).isFalse();
        assertThatThrownBy(() -> stranger.withApproved(true)).as("approve the request instead")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RosterEntry(BOB, false, "Bob", Set.of(), SubscriptionState.NONE_PENDING_IN,
                false, REQUEST, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RosterEntry(BOB, false, null, Set.of("g"), SubscriptionState.NONE_PENDING_IN,
                false, REQUEST, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionState.class, names = {"NONE", "NONE_PENDING_OUT", "TO"})
    void aPreApprovalPutsTheContactInTheRosterAndLastsWhileTheStateTakesOne(SubscriptionState state) {
        RosterEntry approved = RosterEntry.absent(BOB).withApproved(true).withSubscription(state);

        assertThat(approved.inRoster()).as("RFC 6121 §3.4").isTrue();
        assertThat(approved.approved()).isTrue();
        assertThat(approved.withSubscription(SubscriptionState.FROM).approved()).as("used up").isFalse();
        assertThat(approved.withPendingIn(SubscriptionState.NONE_PENDING_IN, REQUEST).approved()).isFalse();
        assertThatThrownBy(() -> approved.withSubscription(SubscriptionState.BOTH).withApproved(true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void groupsAreASortedUnmodifiableCopyWithoutBlanks() {
        Set<String> groups = new HashSet<>(Set.of("b", "A", "a"));
        RosterEntry entry = RosterEntry.absent(BOB).withItem(null, groups);
        groups.add("c");

        assertThat(entry.groups()).containsExactly("A", "a", "b");
        assertThatThrownBy(() -> entry.groups().add("d")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> entry.withItem(null, Set.of(" \t"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry.withItem(null, Set.of(""))).isInstanceOf(IllegalArgumentException.class);
        Set<String> withNull = new HashSet<>();
        withNull.add(null);
        assertThatThrownBy(() -> entry.withItem(null, withNull)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry.withItem(null, Set.of("x".repeat(RosterItem.MAX_GROUP_LENGTH + 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(entry.withItem(null, Set.of("x".repeat(RosterItem.MAX_GROUP_LENGTH))).groups()).hasSize(1);
    }

    @Test
    void anOverlongNameIsRefused() {
        RosterEntry entry = RosterEntry.absent(BOB);

        assertThatThrownBy(() -> entry.withItem("n".repeat(RosterItem.MAX_NAME_LENGTH + 1), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(entry.withItem("n".repeat(RosterItem.MAX_NAME_LENGTH), Set.of()).name())
                .hasSize(RosterItem.MAX_NAME_LENGTH);
    }

    @Test
    void sameContentIgnoresOnlyTheVersion() {
        RosterEntry entry = RosterEntry.absent(BOB).withItem("Bob", Set.of("g")).withVersion(3);

        assertThat(entry.sameContentAs(entry.withVersion(7))).isTrue();
        assertThat(entry.sameContentAs(entry.withItem("Bobby", Set.of("g")))).isFalse();
        assertThat(entry.asItem()).isEqualTo(new RosterItem(BOB, "Bob", SubscriptionState.NONE, false, Set.of("g"), 3));
        assertThatThrownBy(() -> entry.withVersion(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
