package org.parley.it.rfc6121;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Actor;
import org.parley.it.support.Inbox;
import org.parley.it.support.HomePerTest;
import org.parley.it.support.ParleyProcess.Home;
import org.parley.it.support.ParleyProcess.Result;
import org.parley.it.support.ParleyProcess.Server;
import org.parley.it.support.RosterItems;
import org.parley.it.support.TestServer;

/**
 * Issue 3, "Done when": nothing a user created is lost when the server is killed with {@code kill -9} right after
 * it acknowledged it. The real {@code parley.jar} runs as an OS process ({@link Home}, as in {@code CliIT}); it is
 * killed with SIGKILL, so it can flush nothing, and a new server is started on the same data directory.
 *
 * <p>What counts as the acknowledgement of each change:
 * <ul>
 *   <li>a roster set: its IQ result (RFC 6121 §2.1.5);</li>
 *   <li>a subscription request: the roster push with {@code ask='subscribe'} (§3.1.2), which the server sends after
 *       storing the user's pending-out state and the contact's pending request in one transaction;</li>
 *   <li>an offline message: plain XMPP has none. The server stores it on the recipient's delivery lane, so the
 *       script sends an IQ to a resource of the recipient that does not exist: it is bounced from the same lane,
 *       after the message was handled (lanes run in order), and its {@code service-unavailable} error
 *       (§8.5.3.2.3) is the acknowledgement.</li>
 * </ul>
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KillDashNineDurabilityIT {

    private static final String DOMAIN = TestServer.DOMAIN;
    private static final Duration EXIT = Duration.ofSeconds(20);
    private static final String ALICE_PASSWORD = "alice-durable-password";
    private static final String BOB_PASSWORD = "bob-durable-password";
    private static final String REQUEST_STATUS = "It's Alice, from the library";
    private static final String OFFLINE_BODY = "Written before the crash";

    private final EntityBareJid alice = JidCreate.entityBareFromOrThrowUnchecked("alice@" + DOMAIN);
    private final EntityBareJid bob = JidCreate.entityBareFromOrThrowUnchecked("bob@" + DOMAIN);
    private final List<Actor> actors = new ArrayList<>();
    private Home home;

    @RegisterExtension
    final HomePerTest homes = new HomePerTest();

    @BeforeEach
    void useInstallation() {
        home = homes.home();
    }

    @AfterEach
    void signOff() {
        actors.forEach(Actor::close); // before HomePerTest stops the processes
    }

    @Test
    @DisplayName("Issue 3: kill -9 right after the server acknowledged a roster set (RFC 6121 §2.1.5), a subscription"
            + " request to an offline contact (§3.1.2 push with ask='subscribe'; §3.1.3 \"MUST keep a record of the"
            + " complete presence stanza\") and an offline message (XEP-0160) loses none of them")
    void killDashNineLosesNothingAcknowledged() throws Exception {
        Server first = home.start();
        createUser("alice", ALICE_PASSWORD);
        createUser("bob", BOB_PASSWORD);

        // alice asks for her roster first, so she is an interested resource and gets the pushes (§2.2)
        Actor aliceBefore = login(first, "alice", ALICE_PASSWORD, "laptop");
        assertThat(aliceBefore.rosterGet().getRosterItems()).as("a new account's roster").isEmpty();

        // (1) a roster set; its result is the acknowledgement
        aliceBefore.rosterSet(RosterItems.item(bob, "Bob", "Friends", "Library"));
        aliceBefore.inbox().awaitRosterPush(bob);

        // (2) a subscription request while bob is offline; the push with ask='subscribe' is the acknowledgement
        aliceBefore.send(aliceBefore.presenceBuilder().ofType(Presence.Type.subscribe).to(bob)
                .setStatus(REQUEST_STATUS).build());
        aliceBefore.inbox().awaitRosterPush(bob, RosterPacket.Item::isSubscriptionPending, "ask='subscribe'");

        // (3) an offline message, then the bounce from bob's lane that follows its storage
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        aliceBefore.chat(bob, OFFLINE_BODY);
        EntityFullJid sender = aliceBefore.jid(); // the server chose the resource, not the "laptop" asked for
        EntityFullJid nowhere = JidCreate.entityFullFrom(bob + "/nowhere");
        StanzaError bounced = aliceBefore.iqError(new Ping(nowhere));
        assertThat(bounced.getCondition()).as("RFC 6121 §8.5.3.2.3: an IQ to a resource that does not exist")
                .isEqualTo(StanzaError.Condition.service_unavailable);

        first.process().kill();
        first.process().awaitExit(EXIT);
        Instant killed = Instant.now();

        Server second = home.start();

        // (1) and (2) for alice: the item with its name, groups and pending request (§2.1.2.2: ask='subscribe')
        Actor aliceAfter = login(second, "alice", ALICE_PASSWORD, "desk");
        RosterPacket.Item item = RosterItems.get(aliceAfter.rosterGet(), bob);
        assertThat(item.getName()).as("name of alice's item for bob after kill -9").isEqualTo("Bob");
        assertThat(item.getGroupNames()).as("groups of alice's item for bob after kill -9")
                .containsExactlyInAnyOrder("Friends", "Library");
        assertThat(item.getItemType()).as("subscription of alice's item for bob after kill -9")
                .isEqualTo(ItemType.none);
        assertThat(item.isSubscriptionPending()).as("ask='subscribe' on alice's item for bob after kill -9").isTrue();

        // (2) for bob: §3.1.3, the request is delivered when he sends initial presence, as alice sent it
        Actor bobAfter = login(second, "bob", BOB_PASSWORD, "phone");
        bobAfter.available();
        Presence request = bobAfter.inbox().awaitPresence(alice, Presence.Type.subscribe);
        assertThat(request.getStatus()).as("status of the stored subscription request").isEqualTo(REQUEST_STATUS);

        // (3) for bob: XEP-0160 §3, the stored message, with a XEP-0203 delay stamp from when the server got it
        Message message = bobAfter.inbox().awaitMessage(sender);
        assertThat(message.getBody()).isEqualTo(OFFLINE_BODY);
        assertThat(message.getType()).isEqualTo(Message.Type.chat);
        DelayInformation delay = DelayInformation.from(message);
        assertThat(delay).as("XEP-0203 <delay/> on the offline message %s", message).isNotNull();
        assertThat(delay.getFrom()).as("XEP-0203 'from': the server that held the message").isEqualTo(DOMAIN);
        assertThat(delay.getStamp().toInstant()).as("XEP-0203 'stamp': when the first server received it")
                .isBetween(sent, killed);

        // each arrives once
        aliceAfter.barrier(bobAfter);
        assertThat(bobAfter.inbox().count(Inbox.messageWithBody(OFFLINE_BODY))).as("copies of the offline message")
                .isEqualTo(1);
        assertThat(bobAfter.inbox().count(Inbox.presence(alice, Presence.Type.subscribe)))
                .as("copies of the subscription request").isEqualTo(1);
    }

    private void createUser(String local, String password) throws InterruptedException {
        Result added = home.run("user", "add", local, "--password", password);
        assertThat(added.exitCode()).as("%s", added).isZero();
    }

    private Actor login(Server server, String local, String password, String resource) throws Exception {
        Actor actor = Actor.login(server.port(), home.trustManager(), local, password, resource);
        actors.add(actor);
        return actor;
    }
}
