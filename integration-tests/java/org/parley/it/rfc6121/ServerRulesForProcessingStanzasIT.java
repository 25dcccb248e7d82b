package org.parley.it.rfc6121;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
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
 * RFC 6121 §8, Server Rules for Processing XML Stanzas, for local users: bare-JID routing by priority (§8.5.2.1),
 * offline storage when no resource is available (§8.5.2.2, with XEP-0160 and XEP-0203), a full JID without a
 * matching resource (§8.5.3.2) and accounts that do not exist (§8.5.1).
 */
class ServerRulesForProcessingStanzasIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("RFC 6121 §8.5.2.1.1: a chat to the bare JID goes to the \"most available\" resources (all of equal"
            + " highest priority), \"MUST NOT deliver the stanza to an available resource with a negative priority\","
            + " and \"MUST NOT rewrite the 'to' attribute\"")
    void chatToBareJidGoesToAllHighestPriorityResources() throws Exception {
        Actor alice = actors.login("alice");
        Account bobAccount = actors.account("bob");
        Actor desk = actors.login(bobAccount, "desk");
        Actor laptop = actors.login(bobAccount, "laptop");
        Actor phone = actors.login(bobAccount, "phone");
        Actor hidden = actors.login(bobAccount, "hidden");
        desk.availableWithPriority(5);
        laptop.availableWithPriority(5);
        phone.availableWithPriority(1);
        hidden.availableWithPriority(-1);
        // the four presences are processed before this answer comes back on the same streams
        for (Actor resource : List.of(desk, laptop, phone, hidden)) {
            resource.pingServer();
        }

        alice.chat(bobAccount.jid(), "to whoever is most available");
        for (Actor top : List.of(desk, laptop)) {
            Message received = top.inbox().awaitMessage(alice.jid());
            assertThat(received.getBody()).isEqualTo("to whoever is most available");
            assertThat(received.getTo().toString()).as("'to' as addressed").isEqualTo(bobAccount.jid().toString());
        }
        alice.barrier(phone);
        phone.inbox().assertNone(Inbox.messageWithBody("to whoever is most available"),
                "the chat (priority 1 is below the highest, 5)");
        alice.barrier(hidden);
        hidden.inbox().assertNone(Inbox.messageWithBody("to whoever is most available"),
                "the chat (negative priority)");
    }

    @Test
    @DisplayName("RFC 6121 §8.5.2.1.1: a normal message to the bare JID reaches the highest-priority resource and"
            + " never a resource with negative priority")
    void normalMessageToBareJid() throws Exception {
        Actor alice = actors.login("alice");
        Account bobAccount = actors.account("bob");
        Actor desk = actors.login(bobAccount, "desk");
        Actor hidden = actors.login(bobAccount, "hidden");
        desk.availableWithPriority(5);
        hidden.availableWithPriority(-5);
        desk.pingServer();
        hidden.pingServer();

        alice.message(bobAccount.jid(), Message.Type.normal, "a note");
        assertThat(desk.inbox().awaitMessage(alice.jid()).getBody()).isEqualTo("a note");
        alice.barrier(hidden);
        hidden.inbox().assertNone(Inbox.messageWithBody("a note"), "the message (negative priority)");
    }

    @Test
    @DisplayName("RFC 6121 §8.5.1: a message to a local account that does not exist: Parley returns the"
            + " <service-unavailable/> stanza error (option (b))")
    void messageToUnknownLocalUser() throws Exception {
        Actor alice = actors.login("alice");
        EntityBareJid ghost = JidCreate.entityBareFrom(TestServer.uniqueName("ghost") + "@" + TestServer.DOMAIN);
        Message sent = alice.chat(ghost, "anyone there?");
        Message bounce = alice.inbox().await(Message.class,
                m -> m.getType() == Message.Type.error && sent.getStanzaId().equals(m.getStanzaId()),
                "an error message in reply to " + sent.getStanzaId());
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
    }

    @Test
    @DisplayName("RFC 6121 §8.5.2.2.1 with XEP-0160/XEP-0203: chats to a user with no available resource are stored"
            + " and delivered, in order and with a <delay/>, once the user sends initial presence")
    void offlineMessagesAreDeliveredAfterInitialPresence() throws Exception {
        Actor alice = actors.login("alice");
        Account bobAccount = actors.account("bob");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            alice.chat(bobAccount.jid(), "while you were out #" + i);
        }
        alice.pingServer();

        Actor bob = actors.login(bobAccount);
        bob.pingServer();
        bob.inbox().assertNone(Inbox.anyMessage(),
                "an offline message before initial presence");
        bob.available();
        for (int i = 0; i < 5; i++) {
            Message stored = bob.inbox().awaitMessage(alice.jid());
            assertThat(stored.getBody()).as("offline message %d, in order", i).isEqualTo("while you were out #" + i);
            DelayInformation delay = DelayInformation.from(stored);
            assertThat(delay).as("XEP-0203 <delay/> on offline message %d", i).isNotNull();
            assertThat(delay.getStamp().toInstant()).as("its stamp").isAfterOrEqualTo(before)
                    .isBeforeOrEqualTo(Instant.now());
        }
    }

    @Test
    @DisplayName("RFC 6121 §8.5.2.2.1 with XEP-0160: an offline message survives a server restart")
    void offlineMessageSurvivesRestart() throws Exception {
        try (TestServer server = TestServer.start()) {
            Account aliceAccount = Account.create(server, "alice");
            Account bobAccount = Account.create(server, "bob");
            try (Actor alice = aliceAccount.login()) {
                alice.chat(bobAccount.jid(), "see you after the restart");
                alice.pingServer();
            }
            server.restart();
            try (Actor bob = bobAccount.login()) {
                bob.available();
                Message stored = bob.inbox().awaitMessage(
                        m -> "see you after the restart".equals(m.getBody()), "the message stored before the restart");
                assertThat(stored.getFrom().asBareJid().toString()).isEqualTo(aliceAccount.jid().toString());
                assertThat(DelayInformation.from(stored)).as("XEP-0203 <delay/>").isNotNull();
            }
        }
    }

    @Test
    @DisplayName("RFC 6121 §8.5.3.2.3: an IQ to a full JID with no matching resource: \"the server MUST return a"
            + " <service-unavailable/> stanza error to the sender\"")
    void iqToFullJidOfUnavailableResource() throws Exception {
        Actor alice = actors.login("alice");
        Account bobAccount = actors.account("bob");
        Actor gone = actors.login(bobAccount, "gone");
        gone.available();
        EntityFullJid goneJid = gone.jid();
        Actor here = actors.login(bobAccount, "here");
        here.available();
        gone.close();
        here.inbox().awaitPresence(goneJid, Presence.Type.unavailable);

        assertThat(errorOnceGone(alice, goneJid).getCondition()).as("ping to the resource that signed off")
                .isEqualTo(StanzaError.Condition.service_unavailable);
        Ping neverThere = new Ping(JidCreate.entityFullFrom(bobAccount.jid(), Resourcepart.from("never-bound")));
        assertThat(alice.iqError(neverThere).getCondition()).as("ping to a resource never bound")
                .isEqualTo(StanzaError.Condition.service_unavailable);
    }

    /**
     * The error for a ping to {@code to} once its session is gone. Smack's close sends unavailable presence, then
     * ends the stream; the broadcast can reach a contact before the server has processed the stream's end, and in
     * that window the resource is still connected, so §8.5.3.1 has the server deliver the ping to it (it is lost
     * with the closing socket). Retries with a short timeout, 10 at most.
     */
    private static StanzaError errorOnceGone(Actor sender, EntityFullJid to) throws Exception {
        long timeout = sender.connection().getReplyTimeout();
        sender.connection().setReplyTimeout(1000);
        try {
            for (int attempt = 0; attempt < 10; attempt++) {
                try {
                    return sender.iqError(new Ping(to));
                } catch (SmackException.NoResponseException stillClosing) {
                    // delivered to the session while it was closing: ask again
                }
            }
        } finally {
            sender.connection().setReplyTimeout(timeout);
        }
        throw new AssertionError("no error for a ping to " + to + " within 10 attempts");
    }

    @Test
    @DisplayName("RFC 6120 §8.3.3.8: a 'to' that is not a JID gets <jid-malformed/>; the stanza is neither delivered"
            + " to the sender's own account nor broadcast")
    void malformedToIsJidMalformed() throws Exception {
        Actor alice = actors.login("alice");
        alice.available();
        alice.sendRaw("<message id='bad-to-1' to='a@b@c' type='chat'><body>lost?</body></message>");
        Message error = alice.inbox().await(Message.class,
                m -> "bad-to-1".equals(m.getStanzaId()) && m.getType() == Message.Type.error,
                "an error reply to the message addressed to 'a@b@c'");
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.jid_malformed);
        alice.sendRaw("<presence id='bad-to-2' to='x@y@z'/>");
        Presence presenceError = alice.inbox().await(Presence.class,
                p -> "bad-to-2".equals(p.getStanzaId()) && p.getType() == Presence.Type.error,
                "an error reply to the directed presence addressed to 'x@y@z'");
        assertThat(presenceError.getError().getCondition()).isEqualTo(StanzaError.Condition.jid_malformed);
        assertThat(alice.inbox().count(Inbox.messageWithBody("lost?")
                .and(m -> ((Message) m).getType() != Message.Type.error))).as("copies delivered back to alice")
                .isZero();
    }

    @Test
    @DisplayName("RFC 6121 §8.5.2.1.3 / §8.5.2.2.3: an IQ get to a user's bare JID is answered by the server on the"
            + " user's behalf; for a payload it does not serve, <service-unavailable/>, whether the user is the"
            + " sender or someone else, online or not")
    void iqToBareJidIsAnsweredByTheServer() throws Exception {
        Actor alice = actors.login("alice");
        Account bobAccount = actors.account("bob");
        alice.available();
        RawIq toBob = new RawIq(IQ.Type.get, "vCard", "vcard-temp", "");
        toBob.setTo(bobAccount.jid());
        assertThat(alice.iqError(toBob).getCondition()).as("vCard of an offline contact")
                .isEqualTo(StanzaError.Condition.service_unavailable);
        RawIq toSelf = new RawIq(IQ.Type.get, "query", "urn:example:unknown", "");
        toSelf.setTo(alice.bareJid());
        assertThat(alice.iqError(toSelf).getCondition()).as("unknown payload to alice's own bare JID")
                .isEqualTo(StanzaError.Condition.service_unavailable);
        alice.pingServer(); // the session is still fine
    }
}
