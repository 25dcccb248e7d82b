package org.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.presence.PresenceStore.LastPresence;
import org.parley.presence.PresenceStore.OnlineResource;
import org.parley.xmpp.BareJid;

/**
 * The behaviour every {@link PresenceStore} must have. Each backend's test implements this interface and hands a
 * fresh, empty store to every test method.
 */
public interface PresenceStoreContract {

    /** A fresh, empty store; called once per test method and then again for the same store. */
    PresenceStore store();

    /** Makes {@code user} an existing account where the backend requires users to be accounts; else does nothing. */
    void createAccount(BareJid user);

    BareJid ALICE = BareJid.parse("alice@example.org");
    BareJid BOB = BareJid.parse("bob@example.org");

    /** Nanosecond precision on purpose: a store must not round the times. */
    Instant T0 = Instant.parse("2025-05-06T07:08:09.123456789Z");
    Instant T1 = T0.plusSeconds(60);
    Instant T2 = T0.plusSeconds(120);

    static String unavailable(BareJid user, String resource, String status) {
        return "<presence xmlns='jabber:client' from='" + user + "/" + resource + "' type='unavailable'><status>"
                + status + "</status></presence>";
    }

    private BareJid user(BareJid user) {
        createAccount(user);
        return user;
    }

    @Test
    default void aFreshStoreKnowsNoServerNobodyOnlineAndNoLastPresence() {
        BareJid alice = user(ALICE);

        assertThat(store().serverPid()).isEmpty();
        assertThat(store().online()).isEmpty();
        assertThat(store().last(alice)).isEmpty();
    }

    @Test
    default void serverStartedRecordsThePidAndALaterStartReplacesIt() {
        store().serverStarted(4242, T0);
        assertThat(store().serverPid()).hasValue(4242);

        store().serverStarted(7, T1);
        assertThat(store().serverPid()).hasValue(7);
    }

    @Test
    default void serverStartedClearsTheOnlineListButKeepsLastPresences() {
        BareJid alice = user(ALICE);
        BareJid bob = user(BOB);
        store().online(alice, "phone", T0);
        store().offline(alice, "phone", unavailable(alice, "phone", "bye"), T1);
        store().online(alice, "laptop", T1);
        store().online(bob, "desk", T1);

        store().serverStarted(99, T2); // the previous process died without recording anyone as offline

        assertThat(store().online()).isEmpty();
        assertThat(store().last(alice)).contains(new LastPresence(alice, unavailable(alice, "phone", "bye"), T1));
        assertThat(store().last(bob)).isEmpty();
    }

    @Test
    default void onlineResourcesAreListedByUserThenResource() {
        BareJid alice = user(ALICE);
        BareJid bob = user(BOB);
        store().online(bob, "desk", T0);
        store().online(alice, "phone", T1);
        store().online(alice, "Laptop", T2); // upper case sorts first: the order is the JID strings' char order
        store().online(alice, "laptop", T0);

        assertThat(store().online()).containsExactly(
                new OnlineResource(alice, "Laptop", T2),
                new OnlineResource(alice, "laptop", T0),
                new OnlineResource(alice, "phone", T1),
                new OnlineResource(bob, "desk", T0));
    }

    @Test
    default void comingOnlineAgainReplacesTheRow() {
        BareJid alice = user(ALICE);
        store().online(alice, "phone", T0);

        store().online(alice, "phone", T1);

        assertThat(store().online()).containsExactly(new OnlineResource(alice, "phone", T1));
    }

    @Test
    default void theLastResourceGoingOfflineKeepsTheUnavailablePresence() {
        BareJid alice = user(ALICE);
        store().online(alice, "phone", T0);
        store().online(alice, "laptop", T0);

        store().offline(alice, "phone", unavailable(alice, "phone", "first"), T1);

        assertThat(store().online()).containsExactly(new OnlineResource(alice, "laptop", T0));
        assertThat(store().last(alice)).as("another resource is still online").isEmpty();

        store().offline(alice, "laptop", unavailable(alice, "laptop", "last"), T2);

        assertThat(store().online()).isEmpty();
        assertThat(store().last(alice)).contains(new LastPresence(alice, unavailable(alice, "laptop", "last"), T2));
    }

    @Test
    default void aLaterLastPresenceReplacesTheEarlierOne() {
        BareJid alice = user(ALICE);
        store().online(alice, "phone", T0);
        store().offline(alice, "phone", unavailable(alice, "phone", "lunch"), T1);
        store().online(alice, "phone", T1);
        store().online(alice, "laptop", T1);

        store().offline(alice, "phone", unavailable(alice, "phone", "not the last"), T2);
        assertThat(store().last(alice)).as("not replaced while a resource is online")
                .contains(new LastPresence(alice, unavailable(alice, "phone", "lunch"), T1));

        store().offline(alice, "laptop", unavailable(alice, "laptop", "night"), T2);
        assertThat(store().last(alice)).contains(new LastPresence(alice, unavailable(alice, "laptop", "night"), T2));
    }

    @Test
    default void goingOfflineWithoutARecordedOnlineRowStillKeepsTheLastPresence() {
        BareJid alice = user(ALICE);

        store().offline(alice, "phone", unavailable(alice, "phone", "unrecorded"), T1);

        assertThat(store().online()).isEmpty();
        assertThat(store().last(alice)).contains(new LastPresence(alice, unavailable(alice, "phone", "unrecorded"), T1));
    }

    @Test
    default void otherUsersAreUnaffected() {
        BareJid alice = user(ALICE);
        BareJid bob = user(BOB);
        store().online(alice, "phone", T0);
        store().online(bob, "phone", T0);

        store().offline(alice, "phone", unavailable(alice, "phone", "gone"), T1);

        assertThat(store().online()).containsExactly(new OnlineResource(bob, "phone", T0));
        assertThat(store().last(alice)).isPresent();
        assertThat(store().last(bob)).isEmpty();
    }

    @Test
    default void theStanzaAndResourceRoundTripExactly() {
        BareJid alice = user(ALICE);
        String resource = "Balcón 😀 / 例え";
        String stanza = "<presence xmlns=\"jabber:client\" from='alice@example.org/" + resource + "'"
                + " type='unavailable' id='a&amp;b'>\n  <status xml:lang='de'>Grüße, 😀 — &lt;/presence&gt;\r\n\t"
                + "</status><x xmlns='urn:example:unknown'><![CDATA[ <not-markup/> ]]></x>  </presence>";
        store().online(alice, resource, T0);
        assertThat(store().online()).containsExactly(new OnlineResource(alice, resource, T0));

        store().offline(alice, resource, stanza, T1);

        assertThat(store().last(alice)).contains(new LastPresence(alice, stanza, T1));
    }

    @Test
    default void aResourceOfTheLongestAcceptedLengthIsStored() {
        BareJid alice = user(ALICE);
        String longest = "é".repeat(PresenceStore.MAX_RESOURCE_LENGTH);

        store().online(alice, longest, T0);

        assertThat(store().online()).containsExactly(new OnlineResource(alice, longest, T0));
    }

    @Test
    default void usersAreMatchedByCanonicalJid() {
        BareJid alice = user(ALICE);
        store().online(BareJid.parse("Alice@EXAMPLE.org"), "phone", T0);
        store().online(alice, "laptop", T0);

        store().offline(BareJid.parse("ALICE@example.org"), "phone", unavailable(alice, "phone", "x"), T1);
        store().offline(alice, "laptop", unavailable(alice, "laptop", "y"), T1);

        assertThat(store().online()).isEmpty();
        assertThat(store().last(BareJid.parse("aLiCe@example.org")))
                .contains(new LastPresence(alice, unavailable(alice, "laptop", "y"), T1));
    }

    @Test
    default void invalidArgumentsAreRefusedAndStoreNothing() {
        BareJid alice = user(ALICE);

        assertThatThrownBy(() -> store().online(alice, "", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().online(alice, "r".repeat(PresenceStore.MAX_RESOURCE_LENGTH + 1), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().online(alice, null, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store().online(alice, "phone", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store().offline(alice, "", "<presence/>", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().offline(alice, "phone", null, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store().serverStarted(0, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().serverStarted(1, null)).isInstanceOf(NullPointerException.class);

        assertThat(store().online()).isEmpty();
        assertThat(store().last(alice)).isEmpty();
        assertThat(store().serverPid()).isEmpty();
    }

    /**
     * Every resource of one user goes offline at the same moment: whichever is last must see that it is the last,
     * so the last presence is kept. (Two at once that each still see the other's row would both skip it.)
     */
    @Test
    default void resourcesGoingOfflineTogetherStillKeepALastPresence() throws Exception {
        BareJid alice = user(ALICE);
        int resources = 8;
        ExecutorService pool = Executors.newFixedThreadPool(resources);
        try {
            for (int round = 0; round < 20; round++) {
                List<String> stanzas = new ArrayList<>();
                for (int r = 0; r < resources; r++) {
                    store().online(alice, "r" + r, T0);
                    stanzas.add(unavailable(alice, "r" + r, "round " + round));
                }
                CyclicBarrier start = new CyclicBarrier(resources);
                List<Future<?>> done = new ArrayList<>();
                for (int r = 0; r < resources; r++) {
                    String resource = "r" + r;
                    String stanza = stanzas.get(r);
                    done.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        store().offline(alice, resource, stanza, T1);
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(60, TimeUnit.SECONDS);
                }

                assertThat(store().online()).isEmpty();
                assertThat(store().last(alice)).as("last presence after round %d", round).hasValueSatisfying(
                        last -> assertThat(last.stanza()).isIn(stanzas));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
