package org.parley.pep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.roster.RosterItem;
import org.parley.storage.memory.InMemoryPepStore;
import org.parley.storage.memory.InMemoryRosterStore;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/** The rules of a PEP service (XEP-0163, XEP-0060): ownership, auto-create, publish-options, access models. */
class PepServiceTest {

    private static final BareJid ALICE = BareJid.parse("alice@example.org");
    private static final BareJid BOB = BareJid.parse("bob@example.org");
    private static final BareJid CAROL = BareJid.parse("carol@example.org");
    private static final BareJid EVE = BareJid.parse("eve@example.org");
    private static final String TUNE = "http://jabber.org/protocol/tune";
    private static final String PAYLOAD = "<tune xmlns='" + TUNE + "'/>";

    private final InMemoryRosterStore rosters = new InMemoryRosterStore();
    private final PepService service = new PepService(new InMemoryPepStore(), rosters,
            Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));

    PepServiceTest() {
        // alice's roster: bob receives her presence (from), carol does not (to: alice receives carol's)
        rosters.put(ALICE, RosterItem.of(BOB, null, SubscriptionState.FROM, Set.of()));
        rosters.put(ALICE, RosterItem.of(CAROL, null, SubscriptionState.TO, Set.of()));
    }

    private PepService.Outcome<PepService.Published> publish(String node, Map<String, List<String>> options) {
        return service.publish(ALICE, ALICE, node, Optional.empty(), PAYLOAD, options);
    }

    @Test
    void onlyTheOwnerPublishesAndTheNodeIsAutoCreatedWithDefaults() {
        assertThat(service.publish(BOB, ALICE, TUNE, Optional.empty(), PAYLOAD, Map.of()).error())
                .isEqualTo(PepError.FORBIDDEN);
        PepService.Outcome<PepService.Published> first = publish(TUNE, Map.of());
        assertThat(first.ok()).isTrue();
        assertThat(first.value().node().config()).isEqualTo(NodeConfig.DEFAULT);
        assertThat(first.value().item().id()).isNotBlank(); // generated
        assertThat(service.publish(ALICE, ALICE, "", Optional.empty(), PAYLOAD, Map.of()).error())
                .isEqualTo(PepError.NODEID_REQUIRED);
    }

    @Test
    void publishOptionsCreateTheNodeThenMustMatchIt() {
        Map<String, List<String>> open = Map.of("FORM_TYPE", List.of(NodeConfigForm.PUBLISH_OPTIONS),
                "pubsub#access_model", List.of("open"));
        assertThat(publish("urn:xmpp:avatar:data", open).value().node().config().accessModel())
                .isEqualTo(AccessModel.OPEN);
        assertThat(publish("urn:xmpp:avatar:data", open).ok()).isTrue();
        assertThat(publish("urn:xmpp:avatar:data", Map.of("pubsub#access_model", List.of("presence"))).error())
                .isEqualTo(PepError.PRECONDITION_NOT_MET);
        assertThat(publish("urn:xmpp:avatar:data", Map.of("pubsub#access_model", List.of("roster"))).error())
                .isEqualTo(PepError.PRECONDITION_NOT_MET);
    }

    @Test
    void presenceAccessLetsSubscribersReadOnly() {
        publish(TUNE, Map.of());
        assertThat(service.items(BOB, ALICE, TUNE, 10, List.of()).value()).hasSize(1);
        assertThat(service.items(ALICE, ALICE, TUNE, 10, List.of()).value()).hasSize(1);
        assertThat(service.items(CAROL, ALICE, TUNE, 10, List.of()).error())
                .isEqualTo(PepError.PRESENCE_SUBSCRIPTION_REQUIRED);
        assertThat(service.items(EVE, ALICE, TUNE, 10, List.of()).error())
                .isEqualTo(PepError.PRESENCE_SUBSCRIPTION_REQUIRED);
        assertThat(service.items(BOB, ALICE, "urn:none", 10, List.of()).error()).isEqualTo(PepError.ITEM_NOT_FOUND);
        assertThat(service.visibleNodes(EVE, ALICE)).isEmpty();
        assertThat(service.visibleNodes(BOB, ALICE)).extracting(PepNode::name).containsExactly(TUNE);
    }

    @Test
    void openAndWhitelistAccess() {
        publish(TUNE, Map.of());
        assertThat(service.configure(ALICE, ALICE, TUNE, Map.of("pubsub#access_model", List.of("open"))).ok())
                .isTrue();
        assertThat(service.items(EVE, ALICE, TUNE, 10, List.of()).ok()).isTrue();
        assertThat(service.configure(ALICE, ALICE, TUNE, Map.of("pubsub#access_model", List.of("whitelist"))).ok())
                .isTrue();
        assertThat(service.items(BOB, ALICE, TUNE, 10, List.of()).error()).isEqualTo(PepError.CLOSED_NODE);
        assertThat(PepService.notifiesContacts(service.node(ALICE, TUNE).orElseThrow())).isFalse();
        assertThat(service.items(ALICE, ALICE, TUNE, 10, List.of()).ok()).isTrue();
    }

    @Test
    void ownerActionsOnMissingNodesAndByOthers() {
        assertThat(service.create(ALICE, ALICE, TUNE, Map.of()).ok()).isTrue();
        assertThat(service.create(ALICE, ALICE, TUNE, Map.of()).error()).isEqualTo(PepError.CONFLICT);
        assertThat(service.create(BOB, ALICE, "x", Map.of()).error()).isEqualTo(PepError.FORBIDDEN);
        assertThat(service.configuration(BOB, ALICE, TUNE).error()).isEqualTo(PepError.FORBIDDEN);
        assertThat(service.retract(ALICE, ALICE, TUNE, "nope").error()).isEqualTo(PepError.ITEM_NOT_FOUND);
        assertThat(service.purge(ALICE, ALICE, "urn:none").error()).isEqualTo(PepError.ITEM_NOT_FOUND);
        assertThat(service.delete(ALICE, ALICE, TUNE).ok()).isTrue();
        assertThat(service.delete(ALICE, ALICE, TUNE).error()).isEqualTo(PepError.ITEM_NOT_FOUND);
    }

    @Test
    void anAccountHasBoundedNodes() {
        for (int i = 0; i < PepService.MAX_NODES; i++) {
            assertThat(publish("urn:example:" + i, Map.of()).ok()).isTrue();
        }
        assertThat(publish("urn:example:one-more", Map.of()).error()).isEqualTo(PepError.RESOURCE_CONSTRAINT);
        assertThat(service.create(ALICE, ALICE, "urn:example:one-more", Map.of()).error())
                .isEqualTo(PepError.RESOURCE_CONSTRAINT);
        assertThat(publish("urn:example:7", Map.of()).ok()).isTrue(); // existing nodes still take items
    }

    @Test
    void lastItemIsTheNewest() {
        service.publish(ALICE, ALICE, TUNE, Optional.of("1"), PAYLOAD, Map.of());
        service.publish(ALICE, ALICE, TUNE, Optional.of("2"), PAYLOAD, Map.of());
        assertThat(service.lastItem(service.node(ALICE, TUNE).orElseThrow())).map(PepItem::id).contains("2");
    }
}
