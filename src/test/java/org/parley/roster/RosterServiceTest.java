package org.parley.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.storage.memory.InMemoryRosterStore;
import org.parley.subscription.SubscriptionEvent;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/** {@link RosterService} over the in-memory store: one test per rule of RFC 6121 §2, quoting it. */
class RosterServiceTest {

    private static final BareJid ALICE = BareJid.parse("alice@example.org");
    private static final BareJid BOB = BareJid.parse("bob@example.org");
    private static final BareJid CAROL = BareJid.parse("carol@example.org");
    private static final BareJid DAVE = BareJid.parse("dave@example.org");
    private static final RosterEntry.PendingIn REQUEST = new RosterEntry.PendingIn(
            "<presence from='bob@example.org' to='alice@example.org' type='subscribe'><status>hi</status></presence>",
            Instant.parse("2026-01-01T00:00:00Z"));

    private final InMemoryRosterStore store = new InMemoryRosterStore();
    private final RosterService service = new RosterService(store);

    @Test
    @DisplayName("RFC 6121 §2.1.4/§2.2: the whole roster and its version; for an empty roster \"the server MUST return"
            + " an IQ-result containing a child <query/> element that in turn contains no <item/> children\"")
    void aGetWithoutVerReturnsTheWholeRoster() {
        assertThat(service.get(ALICE, Optional.empty()))
                .isEqualTo(new RosterGetResult.FullRoster(new Roster(ALICE, 0, List.of()), ver(0)));
        update("bob", "Bob", "Friends");
        update("carol", null);
        store.update(ALICE, DAVE, entry -> entry.withPendingIn(SubscriptionState.NONE_PENDING_IN, REQUEST));

        RosterGetResult.FullRoster full = (RosterGetResult.FullRoster) service.get(ALICE, Optional.empty());

        assertThat(full.ver()).isEqualTo(ver(2));
        assertThat(full.roster().items()).as("a stranger's pending request is no item")
                .extracting(RosterItem::contact, RosterItem::groups)
                .containsExactly(tuple(BOB, Set.of("Friends")), tuple(CAROL, Set.of()));
    }

    @Test
    @DisplayName("RFC 6121 §2.6.3: \"If roster versioning is enabled and the roster has not been modified since the"
            + " version ID enumerated by the client, the server will simply not send any roster pushes\"")
    void aCurrentVerGetsAnEmptyResultAndNoPushes() {
        update("bob", "Bob");
        update("carol", "Carol");

        assertThat(service.get(ALICE, Optional.of(ver(2)))).isEqualTo(new RosterGetResult.UpToDate(ver(2)));
        String untouched = new RosterVersion(store.generation(DAVE), 0).ver();
        assertThat(service.get(DAVE, Optional.of(untouched))).as("an untouched roster, cached empty at 0")
                .isEqualTo(new RosterGetResult.UpToDate(untouched));
    }

    @Test
    @DisplayName("RFC 6121 §2.6.3: \"the server MUST then send one roster push to the client for each roster item that"
            + " has been modified\"; \"Roster pushes MUST occur in order of modification\"")
    void anOlderVerGetsTheInterimPushesInVersionOrderIncludingARemoval() {
        update("bob", "Bob");                                                                // 1
        update("carol", "Carol");                                                            // 2
        update("dave", "Dave");                                                              // 3: the client's cache
        update("dave", "David");                                                             // 4
        set(RosterSetRequest.Item.remove("carol@example.org"));                              // 5
        update("bob", "Bobby");                                                              // 6
        store.update(ALICE, DAVE, entry -> entry.withSubscription(SubscriptionState.TO));    // 7

        RosterGetResult.InterimPushes interim = (RosterGetResult.InterimPushes) service.get(ALICE, Optional.of(ver(3)));

        assertThat(interim.ver()).isEqualTo(ver(7));
        assertThat(interim.pushes()).extracting(RosterPush::contact, RosterPush::ver, RosterPush::subscriptionAttribute)
                .containsExactly(tuple(CAROL, ver(5), "remove"), tuple(BOB, ver(6), "none"), tuple(DAVE, ver(7), "to"));
        assertThat(((RosterPush.Update) interim.pushes().get(1)).item().name()).as("the final state only")
                .isEqualTo("Bobby");
        assertThat(interim.pushes()).allSatisfy(push -> assertThat(push.owner()).isEqualTo(ALICE));
    }

    // AAAAAAAAAAE is generation 1, alice's in a fresh in-memory store (RosterVersionTest covers the format itself)
    @ParameterizedTest(name = "ver=''{0}''")
    @ValueSource(strings = {"", "abc", "3", "99", "-1", "AAAAAAAAAAE", "AAAAAAAAAAE-", "AAAAAAAAAAE-03",
        "AAAAAAAAAAE-+3", "AAAAAAAAAAE-3 ", "AAAAAAAAAAE_3", "AAAAAAAAAAF-3", "AAAAAAAAAE-3", "AAAAAAAAAAE-99"})
    @DisplayName("RFC 6121 §2.6.2/§2.6.3: the empty bootstrap ver, or one the server \"cannot associate ... with any"
            + " previous version it has on file\", gets the complete roster")
    void anUnknownVerGetsTheWholeRoster(String ver) {
        update("bob", "Bob");
        update("carol", "Carol");
        update("dave", "Dave");

        assertThat(service.get(ALICE, Optional.of(ver)))
                .isEqualTo(new RosterGetResult.FullRoster(store.roster(ALICE), ver(3)));
    }

    @Test
    @DisplayName("RFC 6121 §2.6.3: a ver of another generation of the account (deleted and registered again) is not"
            + " \"any previous version it has on file\": the complete roster")
    void aVerOfAnotherGenerationGetsTheWholeRoster() {
        update("bob", "Bob");
        update("carol", "Carol");
        String otherGeneration = new RosterVersion(store.generation(ALICE) + 1, 1).ver();

        assertThat(service.get(ALICE, Optional.of(otherGeneration)))
                .isEqualTo(new RosterGetResult.FullRoster(store.roster(ALICE), ver(2)));
    }

    @Test
    @DisplayName("RFC 6121 §2.3.2: \"it MUST create the item in the user's roster\" and \"MUST also send a roster push"
            + " containing the new roster item\"")
    void aSetCreatesTheItemAndReturnsItsPush() {
        RosterPush.Update push = updated(set(RosterSetRequest.Item.update("Bob@Example.org", "Bob", "Friends", "W")));

        assertThat(push.owner()).as("§2.1.6: from the user's bare JID, or from nowhere").isEqualTo(ALICE);
        assertThat(push.item()).isEqualTo(new RosterItem(BOB, "Bob", SubscriptionState.NONE, false,
                Set.of("Friends", "W"), 1));
        assertThat(push).extracting(RosterPush::ver, RosterPush::subscriptionAttribute).containsExactly(ver(1), "none");
        assertThat(store.item(ALICE, BOB)).contains(push.item());
    }

    @Test
    @DisplayName("RFC 6121 §2.1.5: \"The <query/> element MUST contain one and only one <item/> element\"; §2.1.2.3:"
            + " \"The 'jid' attribute is REQUIRED\"; else bad-request (§2.3.3)")
    void aSetWithoutExactlyOneItemOrWithoutJidIsABadRequest() {
        RosterSetRequest.Item bob = RosterSetRequest.Item.update("bob@example.org", "Bob");
        RosterSetRequest.Item carol = RosterSetRequest.Item.update("carol@example.org", "Carol");
        assertThat(rejected(service.set(ALICE, RosterSetRequest.of())).condition())
                .isEqualTo(RosterError.Condition.BAD_REQUEST);
        assertThat(rejected(service.set(ALICE, RosterSetRequest.of(bob, carol))).condition())
                .isEqualTo(RosterError.Condition.BAD_REQUEST);
        assertThat(rejected(set(new RosterSetRequest.Item(null, "Bob", List.of(), null))).condition())
                .isEqualTo(RosterError.Condition.BAD_REQUEST);
        assertThat(store.roster(ALICE).version()).isZero();
    }

    @ParameterizedTest(name = "jid=''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "@example.org | JID_MALFORMED", "bob@ | JID_MALFORMED", "'' | JID_MALFORMED",
        "bo b@example.org | JID_MALFORMED", "bob@example.org/ | JID_MALFORMED", "bob@exa mple.org | JID_MALFORMED",
        "bob@example.org/phone | NOT_ACCEPTABLE", "example.org | NOT_ACCEPTABLE",
    })
    @DisplayName("RFC 6120 §8.3.3.8: an address \"that violates the rules defined in [XMPP-ADDR]\" is jid-malformed;"
            + " a valid JID that is not user@domain is not acceptable to Parley")
    void aJidParleyCannotKeepIsRefused(String jid, RosterError.Condition condition) {
        RosterError error = rejected(set(RosterSetRequest.Item.update(jid, "X")));

        assertThat(error.condition()).isEqualTo(condition);
        assertThat(error.condition().type()).isEqualTo(RosterError.ErrorType.MODIFY);
        assertThat(store.roster(ALICE).items()).isEmpty();
    }

    @ParameterizedTest(name = "subscription=''{0}''")
    @ValueSource(strings = {"none", "to", "from", "both", "Remove", "bogus"})
    @DisplayName("RFC 6121 §2.1.2.5: \"in a roster set the server MUST ignore all values of the 'subscription'"
            + " attribute other than \\\"remove\\\"\"")
    void subscriptionValuesOtherThanRemoveAreIgnored(String subscription) {
        store.update(ALICE, CAROL, entry -> entry.withItem(null, Set.of()).withSubscription(SubscriptionState.TO));

        RosterPush.Update bob = updated(set(new RosterSetRequest.Item("bob@example.org", "B", List.of(),
                subscription)));
        RosterPush.Update carol = updated(set(new RosterSetRequest.Item("carol@example.org", "C", List.of(),
                subscription)));

        assertThat(bob.item().subscription()).isEqualTo(SubscriptionState.NONE);
        assertThat(carol.item()).extracting(RosterItem::subscription, RosterItem::name)
                .containsExactly(SubscriptionState.TO, "C");
    }

    @Test
    @DisplayName("RFC 6121 §2.3.3: \"The server MUST return a <not-acceptable/> stanza error ... if ... The length of"
            + " the 'name' attribute is greater than a server-configured limit\"")
    void anOverlongNameIsNotAcceptable() {
        String longest = "n".repeat(RosterItem.MAX_NAME_LENGTH);

        assertThat(rejected(update("bob", longest + "n")).condition()).isEqualTo(RosterError.Condition.NOT_ACCEPTABLE);
        assertThat(updated(update("bob", longest)).item().name()).isEqualTo(longest);
    }

    @ParameterizedTest(name = "group ''{0}''")
    @ValueSource(strings = {"", " \t", "LONGEST+1"})
    @DisplayName("RFC 6121 §2.3.3: <not-acceptable/> if \"The XML character data of the <group/> element is of zero"
            + " length\" or \"is larger than a server-configured limit\" (and, in Parley, only white space)")
    void anEmptyBlankOrOverlongGroupIsNotAcceptable(String group) {
        String longest = "g".repeat(RosterItem.MAX_GROUP_LENGTH);
        String sent = group.equals("LONGEST+1") ? longest + "g" : group;

        RosterError error = rejected(update("bob", "Bob", "Friends", sent));

        assertThat(error.condition()).isEqualTo(RosterError.Condition.NOT_ACCEPTABLE);
        assertThat(store.item(ALICE, BOB)).isEmpty();
        assertThat(updated(update("bob", "Bob", longest)).item().groups()).containsExactly(longest);
    }

    @Test
    @DisplayName("RFC 6121 §2.3.3: \"The server MUST return a <bad-request/> stanza error ... if ... there are"
            + " duplicate groups\"")
    void duplicateGroupsAreABadRequest() {
        assertThat(rejected(update("bob", "Bob", "Friends", "Work", "Friends")).condition())
                .isEqualTo(RosterError.Condition.BAD_REQUEST);
        assertThat(rejected(update("bob", "Bob", "Caf\u00e9", "Cafe\u0301")).condition())
                .as("the same group in NFC and NFD").isEqualTo(RosterError.Condition.BAD_REQUEST);
        assertThat(store.item(ALICE, BOB)).isEmpty();
    }

    @Test
    @DisplayName("RFC 6121 §2.3.3: \"Some servers return a <not-allowed/> stanza error to the client if the value of"
            + " the <item/> element's 'jid' attribute matches the bare JID\" - Parley does")
    void theUsersOwnJidIsNotAllowed() {
        assertThat(rejected(update("alice", "Me")).condition()).isEqualTo(RosterError.Condition.NOT_ALLOWED);
        assertThat(rejected(set(RosterSetRequest.Item.remove("alice@example.org"))).condition())
                .as("a removal only needs the item to be absent").isEqualTo(RosterError.Condition.ITEM_NOT_FOUND);
    }

    @Test
    @DisplayName("RFC 6121 §2.4.1: \"Because a roster item is atomic, the item MUST be updated exactly as provided in"
            + " the roster set\"; an empty name is no name; an unchanged item is still pushed, at its own version")
    void anUpdateReplacesNameAndGroups() {
        update("bob", "Bob", "Friends", "Work");
        update("carol", "Carol");
        assertThat(updated(update("bob", "Bob", "Friends", "Work")).ver()).isEqualTo(ver(1));
        assertThat(store.roster(ALICE).version()).isEqualTo(2);

        assertThat(updated(update("bob", "Bobby", "Lovers")).item())
                .extracting(RosterItem::name, RosterItem::groups).containsExactly("Bobby", Set.of("Lovers"));
        assertThat(updated(update("bob", null)).item())
                .extracting(RosterItem::name, RosterItem::groups).containsExactly(null, Set.of());
        update("bob", "Bob");
        assertThat(updated(update("bob", "")).item().name()).isNull();
    }

    @Test
    @DisplayName("RFC 6121 §2.1.2.5 and Appendix A: a roster set changes name and groups, never the subscription"
            + " state, the pre-approval or a pending request (not even a stranger's, A.1)")
    void aSetKeepsTheSubscriptionState() {
        store.update(ALICE, DAVE, entry -> entry.withPendingIn(SubscriptionState.NONE_PENDING_IN, REQUEST));
        store.update(ALICE, BOB, entry -> entry.withItem("Bob", Set.of()).withSubscription(SubscriptionState.TO)
                .withApproved(true));
        store.update(ALICE, CAROL, entry -> entry.withItem("Carol", Set.of())
                .withPendingIn(SubscriptionState.TO_PENDING_IN, REQUEST));

        RosterPush.Update bob = updated(update("bob", "Robert", "Friends"));
        RosterPush.Update carol = updated(update("carol", "Caroline"));

        assertThat(bob.item()).extracting(RosterItem::subscription, RosterItem::approved, RosterItem::name)
                .containsExactly(SubscriptionState.TO, true, "Robert");
        assertThat(store.entry(ALICE, CAROL).orElseThrow())
                .extracting(RosterEntry::subscription, RosterEntry::pendingIn, RosterEntry::name)
                .containsExactly(SubscriptionState.TO_PENDING_IN, REQUEST, "Caroline");
        assertThat(carol.subscriptionAttribute()).isEqualTo("to");
        assertThat(updated(update("dave", "Dave")).item().subscription()).isEqualTo(SubscriptionState.NONE_PENDING_IN);
        assertThat(store.entry(ALICE, DAVE).orElseThrow().pendingIn()).isEqualTo(REQUEST);
    }

    @Test
    @DisplayName("RFC 6121 §2.5.3: \"If the value of the 'jid' attribute specifies an item that is not in the roster,"
            + " then the server MUST return an <item-not-found/> stanza error\"")
    void removingAnUnknownContactIsItemNotFound() {
        store.update(ALICE, CAROL, entry -> entry.withPendingIn(SubscriptionState.NONE_PENDING_IN, REQUEST));

        RosterError unknown = rejected(set(RosterSetRequest.Item.remove("bob@example.org")));
        RosterError stranger = rejected(set(RosterSetRequest.Item.remove("carol@example.org")));

        assertThat(unknown.condition()).isEqualTo(RosterError.Condition.ITEM_NOT_FOUND);
        assertThat(stranger.condition()).as("a pending request is no item").isEqualTo(unknown.condition());
        assertThat(store.entry(ALICE, CAROL).orElseThrow().pendingIn()).as("and stays").isEqualTo(REQUEST);
        assertThat(store.roster(ALICE).version()).isZero();
    }

    @Test
    @DisplayName("RFC 6121 §2.5.2: the server \"MUST update the item in the user's roster, send a roster push to all"
            + " of the user's interested resources (with the 'subscription' attribute set to a value of \"remove\")\"")
    void removingAContactPushesARemoval() {
        update("bob", "Bob", "Friends");

        RosterSetResult.Removed removed = (RosterSetResult.Removed) set(new RosterSetRequest.Item("bob@example.org",
                "ignored", List.of("ignored", "ignored"), "remove"));

        assertThat(removed).isEqualTo(new RosterSetResult.Removed(new RosterPush.Removal(ALICE, BOB, ver(2)),
                List.of()));
        assertThat(removed.push().subscriptionAttribute()).isEqualTo("remove");
        assertThat(store.item(ALICE, BOB)).isEmpty();
        assertThat(store.roster(ALICE).version()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"NONE | ''", "NONE_PENDING_OUT | UNSUBSCRIBE",
        "NONE_PENDING_IN | UNSUBSCRIBED", "NONE_PENDING_OUT_IN | UNSUBSCRIBE UNSUBSCRIBED", "TO | UNSUBSCRIBE",
        "TO_PENDING_IN | UNSUBSCRIBE UNSUBSCRIBED", "FROM | UNSUBSCRIBED",
        "FROM_PENDING_OUT | UNSUBSCRIBE UNSUBSCRIBED", "BOTH | UNSUBSCRIBE UNSUBSCRIBED"})
    @DisplayName("RFC 6121 §2.5.2: \"If the user has a presence subscription to the contact, then the user's server"
            + " MUST send ... \"unsubscribe\"\"; if the contact has one, \"unsubscribed\"; so for pending requests")
    void removingAContactEndsEverySubscriptionAndRequest(SubscriptionState state, String expected) {
        store.update(ALICE, BOB, entry -> {
            RosterEntry inRoster = entry.withItem("Bob", Set.of("Friends"));
            return state.pendingIn() ? inRoster.withPendingIn(state, REQUEST) : inRoster.withSubscription(state);
        });

        RosterSetResult.Removed removed = (RosterSetResult.Removed) set(RosterSetRequest.Item.remove(BOB.toString()));

        List<OutboundPresence> presences = expected.isEmpty() ? List.of() : Arrays.stream(expected.split(" "))
                .map(type -> new OutboundPresence(ALICE, BOB, SubscriptionEvent.valueOf(type))).toList();
        assertThat(removed.presences()).containsExactlyElementsOf(presences);
        assertThat(RosterService.removalPresences(ALICE, BOB, state)).containsExactlyElementsOf(presences);
        assertThat(store.entry(ALICE, BOB)).as("the pending request goes with the item").isEmpty();
    }

    @Test
    @DisplayName("RFC 6121 §2.2: \"The server MUST send roster pushes to all interested resources\" - and only to"
            + " those that requested the roster")
    void pushesGoToEveryInterestedResource() {
        List<ResourceView> resources = List.of(new ResourceView("alice@example.org/phone", true),
                new ResourceView("alice@example.org/bot", false), new ResourceView("alice@example.org/laptop", true),
                new ResourceView("alice@example.org/phone", true));

        assertThat(RosterService.pushTargets(resources))
                .containsExactly("alice@example.org/phone", "alice@example.org/laptop");
        assertThat(RosterService.pushTargets(List.of())).isEmpty();
        assertThatThrownBy(() -> new ResourceView("alice@example.org", true)).as("a push goes to a full JID")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("RFC 6121 §2.3.3: \"The server MUST return a <forbidden/> stanza error to the client if the sender of"
            + " the roster set is not authorized to update the roster\"; RFC 6120 §8.3.3 gives each condition a type")
    void onlyTheOwnerMayTouchTheRoster() {
        assertThat(RosterService.authorize(ALICE, ALICE)).isEmpty();
        assertThat(RosterService.authorize(BOB, ALICE).orElseThrow().condition())
                .isEqualTo(RosterError.Condition.FORBIDDEN);
        assertThat(Arrays.stream(RosterError.Condition.values())
                .map(condition -> condition.elementName() + "=" + condition.type().attributeValue()))
                .containsExactly("bad-request=modify", "jid-malformed=modify", "not-acceptable=modify",
                        "item-not-found=cancel", "not-allowed=cancel", "forbidden=auth");
    }

    @Test
    @DisplayName("RFC 6121 §2.6.3: \"the version contained in a roster push MUST be unique\" - concurrent sets from"
            + " two resources lose no update")
    void concurrentRenamesOfTwoContactsLoseNothing() throws Exception {
        update("bob", "bob-start");
        update("carol", "carol-start");
        int rounds = 100;
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Set<Long> all = new HashSet<>();
        try {
            List<Future<List<Long>>> runs = new ArrayList<>();
            for (String contact : List.of("bob", "carol")) {
                runs.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<Long> versions = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        versions.add(RosterVersion.parse(updated(update(contact, contact + "-" + i, "Friends")).ver())
                                .orElseThrow().counter());
                    }
                    return versions;
                }));
            }
            for (Future<List<Long>> run : runs) {
                List<Long> versions = run.get(60, TimeUnit.SECONDS);
                assertThat(versions).as("each resource sees rising versions").isSorted().doesNotHaveDuplicates();
                all.addAll(versions);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(all).as("no two pushes share a version").hasSize(2 * rounds);
        assertThat(store.roster(ALICE).items()).extracting(RosterItem::name)
                .containsExactly("bob-" + (rounds - 1), "carol-" + (rounds - 1));
        assertThat(store.roster(ALICE).version()).isEqualTo(2 + 2 * rounds);
    }

    /** The ver of alice's roster at {@code counter}, in her current generation. */
    private String ver(long counter) {
        return new RosterVersion(store.generation(ALICE), counter).ver();
    }

    private RosterSetResult set(RosterSetRequest.Item item) {
        return service.set(ALICE, RosterSetRequest.of(item));
    }

    private RosterSetResult update(String local, String name, String... groups) {
        return set(RosterSetRequest.Item.update(local + "@example.org", name, groups));
    }

    private static RosterPush.Update updated(RosterSetResult result) {
        return result instanceof RosterSetResult.Updated updated ? updated.push()
                : fail("expected an update, got " + result);
    }

    private static RosterError rejected(RosterSetResult result) {
        return result instanceof RosterSetResult.Rejected rejected ? rejected.error()
                : fail("expected a rejection, got " + result);
    }
}
