package org.parley.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.roster.Roster;
import org.parley.roster.RosterChanges;
import org.parley.roster.RosterEntry;
import org.parley.roster.RosterItem;
import org.parley.roster.RosterStore;
import org.parley.xmpp.BareJid;

/**
 * The behaviour every {@link SubscriptionRequestStore} must have. Requests are written as part of a roster entry
 * (RFC 6121 §3.1.3 keeps the state and the stanza together), so the store under test is also the
 * {@link RosterStore} that writes them; {@code RosterStoreContract} extends this contract. Each backend's test
 * hands fresh, empty stores to every test method.
 */
public interface SubscriptionRequestStoreContract {

    /** A fresh, empty store; called once per test method and then again for the same store. */
    RosterStore store();

    /** The same store's pending-request view. */
    SubscriptionRequestStore requests();

    /** Makes {@code jid} a local account where the backend requires owners to be accounts; else does nothing. */
    void createAccount(BareJid jid);

    /** Nanosecond precision on purpose: a store must not round the time a request arrived. */
    Instant RECEIVED = Instant.parse("2025-03-04T05:06:07.123456789Z");

    BareJid BOB = BareJid.parse("bob@example.org");
    BareJid CAROL = BareJid.parse("carol@example.net");
    BareJid DAVE = BareJid.parse("dave@remote.example");

    /** A local owner, created as an account where needed. */
    default BareJid owner(String jid) {
        BareJid owner = BareJid.parse(jid);
        createAccount(owner);
        return owner;
    }

    static RosterEntry.PendingIn request(BareJid from, Instant at) {
        return new RosterEntry.PendingIn("<presence from='" + from + "' type='subscribe'/>", at);
    }

    /** What the subscription service does when a stranger's subscribe arrives (RFC 6121 §3.1.3). */
    static RosterEntry strangerAsks(RosterEntry entry, RosterEntry.PendingIn request) {
        return entry.withPendingIn(SubscriptionState.NONE_PENDING_IN, request);
    }

    @Test
    default void aStrangersRequestIsStoredOutsideTheRoster() {
        BareJid alice = owner("alice@example.org");
        RosterEntry.PendingIn request = request(DAVE, RECEIVED);

        RosterEntry stored = store().update(alice, DAVE, entry -> strangerAsks(entry, request));

        assertThat(stored.inRoster()).isFalse();
        assertThat(store().entry(alice, DAVE)).contains(stored);
        assertThat(store().roster(alice)).isEqualTo(new Roster(alice, 0, List.of()));
        assertThat(store().item(alice, DAVE)).isEmpty();
        assertThat(store().changesSince(alice, 0)).contains(new RosterChanges(0, List.of(), List.of()));
        assertThat(requests().pendingFor(alice))
                .containsExactly(new SubscriptionRequest(DAVE, alice, request.stanza(), RECEIVED));
        assertThat(requests().pending(alice, DAVE)).contains(requests().pendingFor(alice).get(0));
        assertThat(store().remove(alice, DAVE)).as("not in the roster: item-not-found").isEmpty();
        assertThat(requests().pending(alice, DAVE)).as("remove leaves the request alone").isPresent();
    }

    @Test
    default void approvingARequestAddsTheContactAndClearsTheRequest() {
        BareJid alice = owner("alice@example.org");
        store().update(alice, DAVE, entry -> strangerAsks(entry, request(DAVE, RECEIVED)));

        RosterEntry stored = store().update(alice, DAVE, entry -> entry.withSubscription(SubscriptionState.FROM));

        assertThat(stored.inRoster()).isTrue();
        assertThat(stored.pendingIn()).isNull();
        assertThat(requests().pendingFor(alice)).isEmpty();
        assertThat(store().roster(alice).items()).containsExactly(
                new RosterItem(DAVE, null, SubscriptionState.FROM, false, Set.of(), 1));
    }

    @Test
    default void aWithdrawnStrangersRequestLeavesNoRow() {
        BareJid alice = owner("alice@example.org");
        store().update(alice, DAVE, entry -> strangerAsks(entry, request(DAVE, RECEIVED)));

        RosterEntry stored = store().update(alice, DAVE, entry -> entry.withSubscription(SubscriptionState.NONE));

        assertThat(stored.isAbsent()).isTrue();
        assertThat(store().entry(alice, DAVE)).isEmpty();
        assertThat(requests().pendingFor(alice)).isEmpty();
        assertThat(store().roster(alice).version()).as("the roster never showed it").isZero();
    }

    @Test
    default void aRequestFromAContactInTheRosterKeepsTheItem() {
        BareJid alice = owner("alice@example.org");
        store().put(alice, RosterItem.of(BOB, "Bob", SubscriptionState.TO, Set.of("Friends")));      // 1
        RosterEntry.PendingIn request = request(BOB, RECEIVED);

        store().update(alice, BOB, entry -> entry.withPendingIn(SubscriptionState.TO_PENDING_IN, request)); // 2

        assertThat(store().item(alice, BOB)).contains(
                new RosterItem(BOB, "Bob", SubscriptionState.TO_PENDING_IN, false, Set.of("Friends"), 2));
        assertThat(requests().pending(alice, BOB).orElseThrow().stanza()).isEqualTo(request.stanza());
        assertThat(store().put(alice, RosterItem.of(BOB, "Robert", SubscriptionState.TO_PENDING_IN, Set.of())))
                .as("put keeps the stored request").isEqualTo(3);
        assertThat(requests().pending(alice, BOB)).isPresent();
        assertThatThrownBy(() -> store().put(alice, RosterItem.of(CAROL, null, SubscriptionState.NONE_PENDING_IN,
                Set.of()))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store().entry(alice, CAROL)).isEmpty();
    }

    @Test
    default void pendingRequestsComeOldestFirstWithTheirStanzaExactlyAsReceived() {
        BareJid alice = owner("alice@example.org");
        // Escaped markup, non-ASCII (including outside the BMP), CR LF and a tab: stored text, never reparsed.
        String fancy = "<presence from='carol@example.net/phone' to='alice@example.org' type='subscribe' id='s1'>"
                + "<status>Hi &lt;Alice&gt; &amp; friends, c’est Carol — 😀 ß 例え</status>\r\n\t"
                + "<nick xmlns='http://jabber.org/protocol/nick'>Carol &quot;C&quot; ♥</nick>"
                + "<x xmlns='urn:example:ext' a='&apos;'><![CDATA[<raw> & stuff]]></x></presence>";
        store().update(alice, CAROL, entry -> strangerAsks(entry,
                new RosterEntry.PendingIn(fancy, RECEIVED.plusNanos(1))));
        store().update(alice, DAVE, entry -> strangerAsks(entry, request(DAVE, RECEIVED.plusSeconds(60))));
        store().update(alice, BOB, entry -> strangerAsks(entry, request(BOB, RECEIVED)));

        assertThat(requests().pendingFor(alice)).extracting(SubscriptionRequest::from)
                .containsExactly(BOB, CAROL, DAVE);
        SubscriptionRequest carol = requests().pending(alice, CAROL).orElseThrow();
        assertThat(carol).isEqualTo(new SubscriptionRequest(CAROL, alice, fancy, RECEIVED.plusNanos(1)));
        assertThat(carol.stanza().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(fancy.getBytes(StandardCharsets.UTF_8));
        assertThat(requests().pendingFor(owner("erin@example.org"))).isEmpty();
        assertThat(requests().pending(alice, BareJid.parse("nobody@example.org"))).isEmpty();
    }
}
