package org.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.presence.SubscriptionEffect.Deliver;
import org.parley.presence.SubscriptionEffect.Push;
import org.parley.presence.SubscriptionEffect.SendPresence;
import org.parley.roster.RosterPush;
import org.parley.roster.RosterVersion;
import org.parley.storage.memory.InMemoryRosterStore;
import org.parley.subscription.SubscriptionEvent;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/** RFC 6121 §3 between two local users, over the in-memory roster store. */
class SubscriptionServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final String REQUEST = "<presence from='alice@example.org' to='bob@example.org' type='subscribe'>"
            + "<status>hi, it's Alice</status></presence>";

    private final BareJid alice = BareJid.parse("alice@example.org");
    private final BareJid bob = BareJid.parse("bob@example.org");
    private final BareJid ghost = BareJid.parse("ghost@example.org");
    private final InMemoryRosterStore rosters = new InMemoryRosterStore();
    private final SubscriptionService service = new SubscriptionService(rosters, Set.of(alice, bob)::contains,
            "example.org");

    @Test
    void subscribeToALocalUserStoresTheFullRequestAndDeliversIt() {
        List<SubscriptionEffect> effects = service.outbound(alice, bob, SubscriptionEvent.SUBSCRIBE, REQUEST, NOW);

        assertThat(effects).hasSize(2);
        assertThat(pushOf(effects.get(0)).owner()).isEqualTo(alice);
        assertThat(((RosterPush.Update) pushOf(effects.get(0))).item().subscription())
                .isEqualTo(SubscriptionState.NONE_PENDING_OUT);
        assertThat(pushOf(effects.get(0)).ver()).as("alice's roster version, in her generation")
                .isEqualTo(new RosterVersion(rosters.generation(alice), 1).ver());
        assertThat(effects.get(1)).isEqualTo(new Deliver(alice, bob, SubscriptionEvent.SUBSCRIBE, true));
        // §3.1.3: bob's server keeps the complete stanza; alice is not in bob's roster (no push to bob)
        assertThat(rosters.pending(bob, alice)).hasValueSatisfying(r -> {
            assertThat(r.stanza()).isEqualTo(REQUEST);
            assertThat(r.receivedAt()).isEqualTo(NOW);
        });
        assertThat(rosters.item(bob, alice)).isEmpty();
    }

    @Test
    void approvalChangesBothRostersAndSendsTheApproversPresence() {
        service.outbound(alice, bob, SubscriptionEvent.SUBSCRIBE, REQUEST, NOW);
        List<SubscriptionEffect> effects = service.outbound(bob, alice, SubscriptionEvent.SUBSCRIBED,
                "<presence type='subscribed'/>", NOW);

        assertThat(effects).containsSubsequence(
                new Deliver(bob, alice, SubscriptionEvent.SUBSCRIBED, true),
                new SendPresence(bob, alice, true));
        assertThat(rosters.item(bob, alice).orElseThrow().subscription()).isEqualTo(SubscriptionState.FROM);
        assertThat(rosters.item(alice, bob).orElseThrow().subscription()).isEqualTo(SubscriptionState.TO);
        assertThat(rosters.pending(bob, alice)).isEmpty();
        assertThat(effects.stream().filter(Push.class::isInstance).map(e -> pushOf(e).owner()))
                .containsExactlyInAnyOrder(alice, bob);
    }

    @Test
    void aPreApprovedRequestIsApprovedOnTheUsersBehalfAndNotDelivered() {
        List<SubscriptionEffect> pre = service.outbound(alice, bob, SubscriptionEvent.SUBSCRIBED,
                "<presence type='subscribed'/>", NOW);
        assertThat(pre).hasSize(1);
        assertThat(((RosterPush.Update) pushOf(pre.get(0))).item().approved()).isTrue();

        List<SubscriptionEffect> effects = service.outbound(bob, alice, SubscriptionEvent.SUBSCRIBE,
                "<presence type='subscribe'/>", NOW);

        assertThat(effects).doesNotContain(new Deliver(bob, alice, SubscriptionEvent.SUBSCRIBE, true));
        assertThat(effects).containsSubsequence(
                new Deliver(alice, bob, SubscriptionEvent.SUBSCRIBED, false),
                new SendPresence(alice, bob, true));
        assertThat(rosters.item(alice, bob).orElseThrow().subscription()).isEqualTo(SubscriptionState.FROM);
        assertThat(rosters.item(alice, bob).orElseThrow().approved()).isFalse();
        assertThat(rosters.item(bob, alice).orElseThrow().subscription()).isEqualTo(SubscriptionState.TO);
    }

    @Test
    void aRequestToALocalAddressWithoutAccountIsSilentlyIgnoredAfterTheUsersPush() {
        // RFC 6121 §8.5.1: subscription presence to an account that does not exist "MUST silently ignore"; the
        // user's own side is processed as for any contact (§3.1.2: push with ask='subscribe')
        List<SubscriptionEffect> effects = service.outbound(alice, ghost, SubscriptionEvent.SUBSCRIBE, REQUEST, NOW);

        assertThat(effects).hasSize(1);
        assertThat(pushOf(effects.get(0)).owner()).isEqualTo(alice);
        assertThat(((RosterPush.Update) pushOf(effects.get(0))).item().subscription())
                .isEqualTo(SubscriptionState.NONE_PENDING_OUT);
        assertThat(rosters.item(alice, ghost).orElseThrow().subscription())
                .isEqualTo(SubscriptionState.NONE_PENDING_OUT);
        assertThat(rosters.pending(ghost, alice)).as("nothing kept for an account that does not exist").isEmpty();
    }

    @Test
    void theOtherSubscriptionTypesToALocalAddressWithoutAccountAreSilentlyIgnored() {
        for (SubscriptionEvent event : List.of(SubscriptionEvent.SUBSCRIBED, SubscriptionEvent.UNSUBSCRIBE,
                SubscriptionEvent.UNSUBSCRIBED)) {
            assertThat(service.outbound(alice, ghost, event, "<presence/>", NOW)).as(event.toString())
                    .noneMatch(e -> e instanceof Deliver || e instanceof SendPresence);
        }
    }

    @Test
    void aRequestToAnotherDomainIsRoutedThere() {
        BareJid remote = BareJid.parse("carol@elsewhere.example");
        List<SubscriptionEffect> effects = service.outbound(alice, remote, SubscriptionEvent.SUBSCRIBE, REQUEST, NOW);

        assertThat(effects).contains(new Deliver(alice, remote, SubscriptionEvent.SUBSCRIBE, true));
        assertThat(rosters.item(alice, remote).orElseThrow().subscription())
                .isEqualTo(SubscriptionState.NONE_PENDING_OUT);
    }

    @Test
    void unsubscribeEndsTheSubscriptionAndTheContactsPresenceGoesUnavailable() {
        service.outbound(alice, bob, SubscriptionEvent.SUBSCRIBE, REQUEST, NOW);
        service.outbound(bob, alice, SubscriptionEvent.SUBSCRIBED, "<presence type='subscribed'/>", NOW);

        List<SubscriptionEffect> effects = service.outbound(alice, bob, SubscriptionEvent.UNSUBSCRIBE,
                "<presence type='unsubscribe'/>", NOW);

        assertThat(effects).containsSubsequence(new Deliver(alice, bob, SubscriptionEvent.UNSUBSCRIBE, true),
                new SendPresence(bob, alice, false));
        assertThat(rosters.item(alice, bob).orElseThrow().subscription()).isEqualTo(SubscriptionState.NONE);
        assertThat(rosters.item(bob, alice).orElseThrow().subscription()).isEqualTo(SubscriptionState.NONE);
    }

    @Test
    void afterRemovalOnlyTheContactsSideChanges() {
        service.outbound(alice, bob, SubscriptionEvent.SUBSCRIBE, REQUEST, NOW);
        service.outbound(bob, alice, SubscriptionEvent.SUBSCRIBED, "<presence type='subscribed'/>", NOW);
        rosters.remove(bob, alice);

        List<SubscriptionEffect> effects = service.afterRemoval(bob, alice, SubscriptionEvent.UNSUBSCRIBED, NOW);

        assertThat(effects).containsSubsequence(new SendPresence(bob, alice, false),
                new Deliver(bob, alice, SubscriptionEvent.UNSUBSCRIBED, false));
        assertThat(rosters.item(alice, bob).orElseThrow().subscription()).isEqualTo(SubscriptionState.NONE);
    }

    @Test
    void aRepeatedRequestIsNeitherStoredAgainNorDelivered() {
        service.outbound(alice, bob, SubscriptionEvent.SUBSCRIBE, REQUEST, NOW);
        List<SubscriptionEffect> again = service.outbound(alice, bob, SubscriptionEvent.SUBSCRIBE,
                "<presence type='subscribe'><status>again</status></presence>", NOW.plusSeconds(5));

        assertThat(again).isEmpty();
        assertThat(rosters.pending(bob, alice).orElseThrow().stanza()).isEqualTo(REQUEST);
    }

    private static RosterPush pushOf(SubscriptionEffect effect) {
        return ((Push) effect).push();
    }
}
