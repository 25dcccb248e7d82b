package org.parley.it.rfc6121;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.Inbox;
import org.parley.it.support.RosterItems;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.Subscriptions;

/**
 * RFC 6121 §4, Exchanging Presence Information: initial presence and its broadcast (§4.2), probes (§4.3), directed
 * presence (§4.6) and unavailable presence, including for sessions that end without saying so (§4.5).
 */
class ExchangingPresenceInformationIT {

    /** How soon contacts must learn that a connection dropped (the brief for this server, not an RFC number). */
    private static final Duration DROP_NOTICE = Duration.ofSeconds(2);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("RFC 6121 §4.2.2: \"the user's server MUST send the initial presence stanza to all contacts that"
            + " are subscribed to the user's presence\" ('from', 'both') and to no one else ('to', 'none')")
    void initialPresenceGoesToSubscribersOnly() throws Exception {
        Account aliceAccount = actors.account("alice");
        Actor alice1 = actors.login(aliceAccount, "yesterday");
        Actor carol = actors.login("carol");
        Actor dave = actors.login("dave");
        Actor erin = actors.login("erin");
        Actor frank = actors.login("frank");
        for (Actor actor : new Actor[] {alice1, carol, dave, erin, frank}) {
            actor.available();
        }
        Subscriptions.subscribe(carol, alice1); // alice's roster: carol 'from'
        Subscriptions.mutual(alice1, dave); // dave 'both'
        Subscriptions.subscribe(alice1, erin); // erin 'to'
        alice1.rosterSet(RosterItems.item(frank.bareJid(), "Frank")); // frank 'none'
        alice1.close();
        carol.inbox().awaitPresence(alice1.jid(), Presence.Type.unavailable);
        dave.inbox().awaitPresence(alice1.jid(), Presence.Type.unavailable);

        Actor alice = actors.login(aliceAccount, "today");
        alice.available(Presence.Mode.chat, "Back again");
        Presence atCarol = carol.inbox().awaitPresence(alice.jid(), Presence.Type.available);
        assertThat(atCarol.getStatus()).isEqualTo("Back again");
        assertThat(atCarol.getMode()).isEqualTo(Presence.Mode.chat);
        dave.inbox().awaitPresence(alice.jid(), Presence.Type.available);
        alice.barrier(erin);
        erin.inbox().assertNone(Inbox.presence(alice.jid(), Presence.Type.available),
                "alice's presence (erin is not subscribed to it: alice has 'to')");
        alice.barrier(frank);
        frank.inbox().assertNone(Inbox.presence(alice.jid(), Presence.Type.available),
                "alice's presence (no subscription at all)");
    }

    @Test
    @DisplayName("RFC 6121 §4.2.2: \"the user's server MUST also broadcast initial presence from the user's newly"
            + " available resource to all of the user's available resources, including the resource that generated"
            + " the presence notification in the first place\"")
    void initialPresenceReachesOwnResources() throws Exception {
        Account alice = actors.account("alice");
        Actor balcony = actors.login(alice, "balcony");
        Actor chamber = actors.login(alice, "chamber");
        balcony.available();
        balcony.inbox().awaitPresence(balcony.jid(), Presence.Type.available);
        chamber.available(Presence.Mode.away, "Upstairs");
        Presence seen = balcony.inbox().awaitPresence(chamber.jid(), Presence.Type.available);
        assertThat(seen.getStatus()).isEqualTo("Upstairs");
        chamber.inbox().awaitPresence(chamber.jid(), Presence.Type.available);
    }

    @Test
    @DisplayName("RFC 6121 §4.2.2/§4.3.2: signing on, the user's server probes the contacts the user is subscribed to,"
            + " and for each available resource the user receives \"the full XML of the last presence stanza\"")
    void probeBringsPresenceOfContactsAlreadyOnline() throws Exception {
        Account aliceAccount = actors.account("alice");
        Actor alice1 = actors.login(aliceAccount);
        Actor bob = actors.login("bob");
        alice1.available();
        bob.available();
        Subscriptions.subscribe(alice1, bob);
        alice1.close();
        bob.available(Presence.Mode.xa, "Gone fishing", 3);
        bob.pingServer();

        Actor alice = actors.login(aliceAccount);
        alice.available();
        Presence probed = alice.inbox().awaitPresence(bob.jid(), Presence.Type.available);
        assertThat(probed.getMode()).isEqualTo(Presence.Mode.xa);
        assertThat(probed.getStatus()).isEqualTo("Gone fishing");
        assertThat(probed.getPriority()).isEqualTo(3);
    }

    @Test
    @DisplayName("RFC 6121 §4.6.2/§4.5.2: directed presence reaches a non-contact, and when the sender signs off the"
            + " server MUST send that entity unavailable presence too")
    void directedPresenceIsCleanedUpOnSignOff() throws Exception {
        Actor alice = actors.login("alice");
        Actor carol = actors.login("carol");
        alice.available();
        carol.available();
        // presence to a bare JID reaches only available resources (§8.5.2.1.2): carol's must be processed first
        carol.pingServer();
        alice.send(alice.presenceBuilder().to(carol.bareJid()).setStatus("Just for you").build());
        assertThat(carol.inbox().awaitPresence(alice.jid(), Presence.Type.available).getStatus())
                .isEqualTo("Just for you");
        alice.close();
        carol.inbox().awaitPresence(alice.jid(), Presence.Type.unavailable);
    }

    @Test
    @DisplayName("RFC 6121 §4.6/§4.5: directed presence to a non-contact, then the TCP connection drops: that entity"
            + " gets unavailable presence within 2 s")
    void directedPresenceIsCleanedUpOnDrop() throws Exception {
        Actor alice = actors.login("alice");
        Actor carol = actors.login("carol");
        alice.available();
        carol.available();
        carol.pingServer();
        alice.send(alice.presenceBuilder().to(carol.bareJid()).build());
        carol.inbox().awaitPresence(alice.jid(), Presence.Type.available);
        alice.kill();
        carol.inbox().awaitPresence(alice.jid(), Presence.Type.unavailable, DROP_NOTICE);
    }

    @Test
    @DisplayName("RFC 6121 §4.5: a session that ends abruptly (TCP closed, no unavailable presence, no </stream>)"
            + " still ends in unavailable presence to the contacts, within 2 s")
    void abruptCloseIsUnavailable() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.available();
        bob.available();
        Subscriptions.subscribe(bob, alice);
        bob.inbox().awaitPresence(alice.jid(), Presence.Type.available);
        alice.kill();
        bob.inbox().awaitPresence(alice.jid(), Presence.Type.unavailable, DROP_NOTICE);
    }

    @Test
    @DisplayName("RFC 6121 §4.5 with RFC 6120 §4.9: a session ended by a stream error (not-well-formed XML) ends in"
            + " unavailable presence to the contacts")
    void streamErrorIsUnavailable() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.available();
        bob.available();
        Subscriptions.subscribe(bob, alice);
        bob.inbox().awaitPresence(alice.jid(), Presence.Type.available);
        alice.sendRaw("<message><body>unclosed</message>");
        assertThat(alice.awaitClosedByServer(Inbox.TIMEOUT)).as("how the server ended alice's stream")
                .isInstanceOf(XMPPException.StreamErrorException.class);
        bob.inbox().awaitPresence(alice.jid(), Presence.Type.unavailable, DROP_NOTICE);
    }
}
