package org.parley.it.xep0352;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.Inbox;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.Subscriptions;
import org.parley.it.support.TestServer;

/**
 * XEP-0352 client state indication over real Smack clients: what an inactive resource gets at once, what waits for
 * {@code <active/>}, coalesced, and the flush at {@code csi.max_held}. A ping to the server is the sync point that
 * flushes nothing: its answer is the session's own reply, written past the routing hooks, after everything the
 * server had written to the session before it.
 */
class ClientStateIndicationIT {

    private static final int MAX_HELD = 10;
    private static final String INACTIVE = "<inactive xmlns='urn:xmpp:csi:0'/>";
    private static final String ACTIVE = "<active xmlns='urn:xmpp:csi:0'/>";

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of("csi.max_held", Integer.toString(MAX_HELD)));

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    /** Juliet, available, subscribed to the presence of {@code contacts} new available contacts. */
    private List<Actor> julietWithContacts(Actor juliet, int contacts) throws Exception {
        juliet.available();
        List<Actor> all = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            Actor contact = actors.login("contact");
            contact.available();
            Subscriptions.subscribe(juliet, contact);
            // the contact's presence follows the approval on the contact's thread: settled before the test starts
            contact.pingServer();
            all.add(contact);
        }
        sync(juliet);
        return all;
    }

    private static void inactive(Actor actor) throws Exception {
        actor.sendRaw(INACTIVE);
        sync(actor); // processed: what comes next meets an inactive resource
    }

    /**
     * A ping to the server, and its answer seen by the inbox: Smack completes the request before its ordered
     * listeners have recorded what came before the answer, so the inbox is awaited for the answer itself. Then
     * everything the server wrote to this session before it is in the inbox.
     */
    private static void sync(Actor actor) throws Exception {
        Ping ping = new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN));
        actor.request(ping);
        actor.inbox().await(IQ.class, iq -> ping.getStanzaId().equals(iq.getStanzaId()), "the answer to a ping",
                Inbox.TIMEOUT);
    }

    private static boolean statusFrom(Stanza s, Jid from, String status) {
        return s instanceof Presence p && from.equals(p.getFrom()) && status.equals(p.getStatus());
    }

    private static boolean statusFrom(Stanza s, Jid from) {
        return s instanceof Presence p && from.equals(p.getFrom()) && p.getStatus() != null
                && p.getStatus().startsWith("s-");
    }

    @Test
    @DisplayName("XEP-0352 §3.2: 50 presence changes wait for <active/>, then only the latest per contact arrives")
    void presenceWaitsForActiveCoalesced() throws Exception {
        Actor juliet = actors.login("juliet");
        List<Actor> contacts = julietWithContacts(juliet, 5);
        inactive(juliet);

        for (int round = 0; round < 10; round++) {
            for (Actor contact : contacts) {
                contact.available(Presence.Mode.away, "s-" + round); // returns once the server processed it
            }
        }
        sync(juliet);
        for (Actor contact : contacts) {
            juliet.inbox().assertNone(s -> statusFrom(s, contact.jid()), "a presence change while inactive");
        }

        juliet.sendRaw(ACTIVE);
        sync(juliet); // §5.1: the held stanzas are written before the answer to what follows <active/>
        for (Actor contact : contacts) {
            assertThat(juliet.inbox().count(s -> statusFrom(s, contact.jid())))
                    .as("presence changes of %s delivered on <active/>", contact).isEqualTo(1);
            assertThat(juliet.inbox().count(s -> statusFrom(s, contact.jid(), "s-9"))).isEqualTo(1);
        }
        // active again: the next change arrives at once
        contacts.get(0).available(Presence.Mode.dnd, "s-now");
        juliet.inbox().awaitPresence(p -> statusFrom(p, contacts.get(0).jid(), "s-now"), "a presence at once");
    }

    @Test
    @DisplayName("A chat message reaches an inactive client at once, after what was held; chat states wait, coalesced")
    void chatMessageAtOnceChatStatesHeld() throws Exception {
        Actor juliet = actors.login("juliet");
        Actor romeo = julietWithContacts(juliet, 1).get(0);
        inactive(juliet);

        romeo.available(Presence.Mode.away, "s-1");
        for (ChatState state : List.of(ChatState.composing, ChatState.paused, ChatState.composing)) {
            Message typing = romeo.connection().getStanzaFactory().buildMessageStanza().to(juliet.jid())
                    .ofType(Message.Type.chat).addExtension(new ChatStateExtension(state)).build();
            romeo.send(typing);
        }
        romeo.pingServer();
        sync(juliet);
        juliet.inbox().assertNone(s -> s.hasExtension(ChatStateExtension.NAMESPACE), "a chat state while inactive");
        juliet.inbox().assertNone(s -> statusFrom(s, romeo.jid()), "a presence change while inactive");

        romeo.chat(juliet.bareJid(), "wake up");
        juliet.inbox().awaitMessage(m -> "wake up".equals(m.getBody()), "the chat message, at once");
        int message = juliet.inbox().indexOf(s -> s instanceof Message m && "wake up".equals(m.getBody()));
        int presence = juliet.inbox().indexOf(s -> statusFrom(s, romeo.jid(), "s-1"));
        int typing = juliet.inbox().indexOf(s -> s.hasExtension(ChatStateExtension.NAMESPACE));
        assertThat(presence).as("held presence before the message").isBetween(0, message - 1);
        assertThat(typing).as("held chat state before the message").isBetween(0, message - 1);
        assertThat(juliet.inbox().count(s -> s.hasExtension(ChatStateExtension.NAMESPACE)))
                .as("three chat states coalesced to the latest").isEqualTo(1);
        assertThat(juliet.inbox().received().get(typing).getExtensions().stream()
                .filter(e -> ChatStateExtension.NAMESPACE.equals(e.getNamespace()))
                .map(e -> e.getElementName()).toList()).containsExactly(ChatState.composing.name());
    }

    @Test
    @DisplayName("An IQ reaches an inactive client at once")
    void iqAtOnce() throws Exception {
        Actor juliet = actors.login("juliet");
        Actor romeo = julietWithContacts(juliet, 1).get(0);
        inactive(juliet);
        romeo.available(Presence.Mode.xa, "s-1");

        try {
            romeo.request(new Ping(juliet.jid())); // Smack answers a ping, or refuses it: either way it arrived
        } catch (XMPPException.XMPPErrorException answeredWithError) {
            // the client's answer came back: the request arrived at once
        }
        sync(juliet);
        assertThat(juliet.inbox().count(s -> statusFrom(s, romeo.jid(), "s-1")))
                .as("the held presence went out before the IQ").isEqualTo(1);
    }

    @Test
    @DisplayName("csi.max_held: one stanza over the bound sends everything held, in order")
    void boundFlushes() throws Exception {
        Actor juliet = actors.login("juliet");
        Actor romeo = julietWithContacts(juliet, 1).get(0);
        inactive(juliet);

        // bodiless messages to the bare JID wait and are not coalesced: each one counts toward the bound
        for (int i = 1; i <= MAX_HELD; i++) {
            romeo.send(receipt(romeo, juliet, i));
        }
        romeo.pingServer();
        sync(juliet);
        juliet.inbox().assertNone(s -> s instanceof Message && s.getStanzaId() != null
                && s.getStanzaId().startsWith("held-"), "a held message below the bound");

        romeo.send(receipt(romeo, juliet, MAX_HELD + 1));
        romeo.pingServer();
        sync(juliet);
        List<String> ids = juliet.inbox().received().stream().map(Stanza::getStanzaId)
                .filter(id -> id != null && id.startsWith("held-")).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= MAX_HELD + 1; i++) {
            expected.add("held-" + i);
        }
        assertThat(ids).containsExactlyElementsOf(expected);
    }

    private static Message receipt(Actor from, Actor to, int i) {
        Message receipt = from.connection().getStanzaFactory().buildMessageStanza().to(to.bareJid())
                .ofType(Message.Type.normal).addExtension(new DeliveryReceipt("m" + i)).build();
        receipt.setStanzaId("held-" + i);
        return receipt;
    }
}
