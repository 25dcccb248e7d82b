package org.parley.it.rfc6121;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.Inbox;
import org.parley.it.support.RawIq;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * Issue 11 item 8: three routing cases a third-party RFC 6121 §8.5 suite (XMPP Interop Testing) found wrong, over
 * real sockets. A message of type normal or headline to a full JID whose resource is not online (§8.5.3.2.1); an IQ
 * to the bare JID of an account that does not exist (§8.5.1); subscription presence to an account that does not
 * exist (§8.5.1). The whole §8.5 table is unit-tested in {@code DeliveryRulesTest}.
 *
 * <p>Absence is checked behind barriers: a message from the sender to a recipient's resource arrives only after the
 * server has routed what the sender sent before, and a message back from that resource arrives at the sender only
 * after anything the server sent the sender on that account's behalf (RFC 6120 §10.1, in-order processing).
 */
class NoSuchUserOrResourceIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("RFC 6121 §8.5.3.2.1: a normal message to a full JID with no such resource \"MUST either (a) silently"
            + " ignore the stanza or (b) return an error stanza to the sender\": Parley returns <service-unavailable/>"
            + " and no other resource of the user gets it")
    void normalMessageToAbsentResourceIsBouncedNotForwarded() throws Exception {
        Actor alice = actors.login("alice");
        Account bobAccount = actors.account("bob");
        List<Actor> bob = bobsResources(bobAccount);
        EntityFullJid gone = absentResource(bobAccount);

        Message sent = alice.message(gone, Message.Type.normal, "a note for a resource that left");
        Message bounce = alice.inbox().await(Message.class,
                m -> m.getType() == Message.Type.error && sent.getStanzaId().equals(m.getStanzaId()),
                "an error message in reply to " + sent.getStanzaId());
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(bounce.getFrom().toString()).as("from the address the message went to").isEqualTo(gone.toString());
        assertNoResourceGot(alice, bob, "a note for a resource that left");
    }

    @Test
    @DisplayName("RFC 6121 §8.5.3.2.1: a headline message to a full JID with no such resource: Parley silently"
            + " ignores it (option (a)): no error to the sender, and no other resource of the user gets it")
    void headlineToAbsentResourceIsSilentlyIgnored() throws Exception {
        Actor alice = actors.login("alice");
        Account bobAccount = actors.account("bob");
        List<Actor> bob = bobsResources(bobAccount);
        EntityFullJid gone = absentResource(bobAccount);

        Message sent = alice.message(gone, Message.Type.headline, "news for a resource that left");
        assertNoResourceGot(alice, bob, "news for a resource that left");
        bob.get(0).barrier(alice);
        alice.inbox().assertNone(s -> sent.getStanzaId().equals(s.getStanzaId()), "an answer to the headline");
    }

    @Test
    @DisplayName("RFC 6121 §8.5.3.2.1: a chat to a full JID with no such resource is still handled as if sent to the"
            + " bare JID: the most available resource gets it")
    void chatToAbsentResourceStillGoesToTheBareJid() throws Exception {
        Actor alice = actors.login("alice");
        Account bobAccount = actors.account("bob");
        List<Actor> bob = bobsResources(bobAccount);

        alice.chat(absentResource(bobAccount), "a chat for a resource that left");
        assertThat(bob.get(0).inbox().awaitMessage(alice.jid()).getBody()).as("the highest-priority resource")
                .isEqualTo("a chat for a resource that left");
    }

    @Test
    @DisplayName("RFC 6121 §8.5.1: an IQ to the bare JID of an account that does not exist: \"the server MUST return"
            + " a <service-unavailable/> stanza error to the sender\" (from that JID), whatever the payload, ping and"
            + " time included")
    void iqToBareJidOfNoSuchUserIsServiceUnavailable() throws Exception {
        Actor alice = actors.login("alice");
        EntityBareJid ghost = ghost();

        Ping ping = new Ping(ghost);
        assertThat(alice.iqError(ping).getCondition()).as("XEP-0199 ping")
                .isEqualTo(StanzaError.Condition.service_unavailable);
        for (RawIq iq : List.of(new RawIq(IQ.Type.get, "time", "urn:xmpp:time", ""),
                new RawIq(IQ.Type.get, "query", "http://jabber.org/protocol/disco#info", ""),
                new RawIq(IQ.Type.get, "query", "http://jabber.org/protocol/disco#items", ""),
                new RawIq(IQ.Type.get, "vCard", "vcard-temp", ""),
                new RawIq(IQ.Type.set, "query", "urn:example:unknown", ""))) {
            iq.setTo(ghost);
            // Actor#iqError goes through Smack, which takes a reply only from the address the request went to
            assertThat(alice.iqError(iq).getCondition()).as("%s %s", iq.getType(), iq.getChildElementNamespace())
                    .isEqualTo(StanzaError.Condition.service_unavailable);
        }
        Ping toFullJid = new Ping(JidCreate.entityFullFrom(ghost, Resourcepart.from("laptop")));
        assertThat(alice.iqError(toFullJid).getCondition()).as("ping to a full JID of that account")
                .isEqualTo(StanzaError.Condition.service_unavailable);
    }

    @Test
    @DisplayName("RFC 6121 §8.5.2.1.3 / §8.5.2.2.3: IQs to the bare JID of an account that exists are still answered"
            + " by the server: ping to the own and to a contact's bare JID, disco#info (PEP), the roster")
    void iqToBareJidOfExistingAccountsStillWorks() throws Exception {
        Actor alice = actors.login("alice");
        Account bobAccount = actors.account("bob"); // exists, never signed in
        alice.available();

        assertThat(alice.request(new Ping(alice.bareJid())).getType()).as("ping to the own bare JID")
                .isEqualTo(IQ.Type.result);
        assertThat(alice.request(new Ping(bobAccount.jid())).getType()).as("ping to an offline contact's bare JID")
                .isEqualTo(IQ.Type.result);
        RawIq disco = new RawIq(IQ.Type.get, "query", "http://jabber.org/protocol/disco#info", "");
        disco.setTo(bobAccount.jid());
        assertThat(alice.request(disco).toXML().toString()).as("disco#info on the account: its PEP service")
                .containsPattern("<identity category=.pubsub. type=.pep.");
        assertThat(alice.rosterGet().getType()).as("roster get").isEqualTo(IQ.Type.result);
    }

    @Test
    @DisplayName("RFC 6121 §8.5.1: a subscribe to a local account that does not exist: \"the server MUST silently"
            + " ignore the stanza\": no 'unsubscribed' and no error, to the bare or a full JID; the sender's roster"
            + " gets the §3.1.2 push with ask='subscribe' as for any contact")
    void subscribeToNoSuchUserIsSilentlyIgnored() throws Exception {
        Actor alice = actors.login("alice");
        alice.rosterGet();
        alice.available();
        EntityBareJid ghost = ghost();
        EntityBareJid otherGhost = ghost();

        Presence toBare = subscribe(alice, ghost);
        RosterPacket.Item pushed = alice.inbox().awaitRosterPush(ghost);
        assertThat(pushed.getItemType()).isEqualTo(RosterPacket.ItemType.none);
        assertThat(pushed.isSubscriptionPending()).as("ask='subscribe'").isTrue();
        Presence toFull = subscribe(alice, JidCreate.entityFullFrom(otherGhost, Resourcepart.from("laptop")));
        alice.inbox().awaitRosterPush(otherGhost);
        // the server processes alice's stanzas in order: her own barrier comes after whatever it sent for those
        alice.barrier(alice);

        for (Presence sent : List.of(toBare, toFull)) {
            alice.inbox().assertNone(s -> sent.getStanzaId().equals(s.getStanzaId()), "an error for " + sent);
        }
        for (EntityBareJid nobody : List.of(ghost, otherGhost)) {
            alice.inbox().assertNone(from(nobody), "a stanza from " + nobody);
        }
        assertThat(alice.rosterGet().getRosterItems()).as("alice's roster")
                .filteredOn(i -> i.getJid().equals(ghost))
                .singleElement().satisfies(i -> assertThat(i.isSubscriptionPending()).isTrue());
    }

    /** Bob's resources, all available: {@code desk} (priority 5, the most available) and {@code phone} (1). */
    private List<Actor> bobsResources(Account bobAccount) throws Exception {
        Actor desk = actors.login(bobAccount, "desk");
        Actor phone = actors.login(bobAccount, "phone");
        desk.availableWithPriority(5);
        phone.availableWithPriority(1);
        desk.pingServer();
        phone.pingServer();
        return List.of(desk, phone);
    }

    /** A full JID of bob's with a resource that is not online. */
    private static EntityFullJid absentResource(Account bobAccount) throws Exception {
        return JidCreate.entityFullFrom(bobAccount.jid(), Resourcepart.from("gone"));
    }

    /** Neither of bob's resources got {@code body}, checked once everything alice sent before reached them. */
    private static void assertNoResourceGot(Actor alice, List<Actor> bob, String body) throws Exception {
        for (Actor resource : bob) {
            alice.barrier(resource);
            resource.inbox().assertNone(Inbox.messageWithBody(body), "the message '" + body + "'");
        }
    }

    private static EntityBareJid ghost() throws Exception {
        return JidCreate.entityBareFrom(TestServer.uniqueName("ghost") + "@" + TestServer.DOMAIN);
    }

    private static Presence subscribe(Actor alice, Jid to) throws Exception {
        Presence presence = alice.presenceBuilder().ofType(Presence.Type.subscribe).to(to).build();
        alice.send(presence);
        return presence;
    }

    private static Predicate<Stanza> from(EntityBareJid nobody) {
        return s -> s.getFrom() != null && s.getFrom().asBareJid().equals(nobody);
    }
}
