package org.parley.it.rfc6121;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.RosterItems;
import org.parley.it.support.ServerPerClass;

/**
 * The RFC 6121 story end to end, as two people live it: sign on with a status, become contacts through the
 * subscription handshake (§3.1) in both directions, see each other's presence (§4), talk (§5, §8.5.3.1), sign off
 * (§4.5). Each step asserts the MUSTs of the section it exercises; the section tests cover the edges.
 */
class FullStoryIT {

    private static final int MESSAGES = 50;

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("RFC 6121 §2-§5: sign on away/dnd, subscribe both ways to 'both' (the user's server MUST push"
            + " ask='subscribe', the contact's server MUST send current presence on approval), 50+50 messages in"
            + " order, sign off: the contact MUST get unavailable")
    void aliceAndBob() throws Exception {
        Account aliceAccount = actors.account("alice");
        Account bobAccount = actors.account("bob");

        // (1) alice signs on, asks for her roster (so she is an "interested resource", §2.2) and goes away
        Actor alice = actors.login(aliceAccount, "laptop");
        assertThat(alice.rosterGet().getRosterItems()).as("a new account's roster").isEmpty();
        alice.available(Presence.Mode.away, "Out to lunch");

        // (2) bob signs on the same way and sets do-not-disturb
        Actor bob = actors.login(bobAccount, "phone");
        assertThat(bob.rosterGet().getRosterItems()).as("a new account's roster").isEmpty();
        bob.available(Presence.Mode.dnd, "In a meeting");

        // (3) alice asks to see bob's presence (§3.1.1)
        alice.subscribe(bob.bareJid());
        // §3: stamped with alice's bare JID; §3.1.3: delivered to bob's available resource
        bob.inbox().awaitPresence(alice.bareJid(), Presence.Type.subscribe);
        // §3.1.2: "the user's server MUST then send a roster push ... subscription state of "none" ... 'ask'"
        RosterPacket.Item asked = alice.inbox().awaitRosterPush(bob.bareJid());
        assertThat(asked.getItemType()).as("subscription of the pushed item").isEqualTo(ItemType.none);
        assertThat(asked.isSubscriptionPending()).as("ask='subscribe' on the pushed item").isTrue();

        // (4a) bob approves (§3.1.4)
        bob.subscribed(alice.bareJid());
        // §3.1.5: bob's server pushes alice with 'from'
        assertThat(bob.inbox().awaitRosterPush(alice.bareJid()).getItemType()).isEqualTo(ItemType.from);
        // §3.1.6: alice gets the approval from bob's bare JID and a push with 'to', the ask cleared
        alice.inbox().awaitPresence(bob.bareJid(), Presence.Type.subscribed);
        RosterPacket.Item to = alice.inbox().awaitRosterPush(bob.bareJid(), i -> i.getItemType() == ItemType.to,
                "subscription='to'");
        assertThat(to.isSubscriptionPending()).as("ask after approval").isFalse();
        // §3.1.5: "the contact's server MUST then also send current presence to the user from each of the
        // contact's available resources"
        Presence bobSeen = alice.inbox().awaitPresence(bob.jid(), Presence.Type.available);
        assertThat(bobSeen.getMode()).isEqualTo(Presence.Mode.dnd);
        assertThat(bobSeen.getStatus()).isEqualTo("In a meeting");

        // (4b) bob subscribes back, alice approves
        bob.subscribe(alice.bareJid());
        RosterPacket.Item bobAsked = bob.inbox().awaitRosterPush(alice.bareJid(),
                RosterPacket.Item::isSubscriptionPending, "ask='subscribe'");
        assertThat(bobAsked.getItemType()).isEqualTo(ItemType.from);
        alice.inbox().awaitPresence(bob.bareJid(), Presence.Type.subscribe);
        alice.subscribed(bob.bareJid());
        alice.inbox().awaitRosterPush(bob.bareJid(), i -> i.getItemType() == ItemType.both, "subscription='both'");
        bob.inbox().awaitPresence(alice.bareJid(), Presence.Type.subscribed);
        RosterPacket.Item both = bob.inbox().awaitRosterPush(alice.bareJid(),
                i -> i.getItemType() == ItemType.both, "subscription='both'");
        assertThat(both.isSubscriptionPending()).as("ask after approval").isFalse();
        Presence aliceSeen = bob.inbox().awaitPresence(alice.jid(), Presence.Type.available);
        assertThat(aliceSeen.getMode()).isEqualTo(Presence.Mode.away);
        assertThat(aliceSeen.getStatus()).isEqualTo("Out to lunch");

        // both rosters agree (§2.1.3)
        RosterPacket.Item aliceView = RosterItems.get(alice.rosterGet(), bob.bareJid());
        assertThat(aliceView.getItemType()).isEqualTo(ItemType.both);
        assertThat(aliceView.isSubscriptionPending()).isFalse();
        RosterPacket.Item bobView = RosterItems.get(bob.rosterGet(), alice.bareJid());
        assertThat(bobView.getItemType()).isEqualTo(ItemType.both);
        assertThat(bobView.isSubscriptionPending()).isFalse();

        // (5) 50 messages each way, full JID to full JID (§8.5.3.1), in order (RFC 6120 §10.1)
        for (int i = 0; i < MESSAGES; i++) {
            alice.chat(bob.jid(), "alice to bob #" + i);
            bob.chat(alice.jid(), "bob to alice #" + i);
        }
        for (int i = 0; i < MESSAGES; i++) {
            Message atBob = bob.inbox().awaitMessage(alice.jid());
            assertThat(atBob.getBody()).as("message %d at bob, in order", i).isEqualTo("alice to bob #" + i);
            assertThat(atBob.getType()).isEqualTo(Message.Type.chat);
            assertThat(atBob.getTo().toString()).as("'to' of message %d at bob", i).isEqualTo(bob.jid().toString());
            Message atAlice = alice.inbox().awaitMessage(bob.jid());
            assertThat(atAlice.getBody()).as("message %d at alice, in order", i).isEqualTo("bob to alice #" + i);
            assertThat(atAlice.getTo().toString()).as("'to' of message %d at alice", i)
                    .isEqualTo(alice.jid().toString());
        }

        // (6) bob signs off (§4.5.1): alice, subscribed to him, sees him unavailable (§4.5.2)
        bob.close();
        alice.inbox().awaitPresence(bob.jid(), Presence.Type.unavailable);

        // (7) alice signs off; what they agreed on outlives both sessions
        alice.close();
        Actor bobAgain = actors.login(bobAccount, "tablet");
        RosterPacket.Item afterwards = RosterItems.get(bobAgain.rosterGet(), aliceAccount.jid());
        assertThat(afterwards.getItemType()).as("bob's item for alice in a new session").isEqualTo(ItemType.both);
    }
}
