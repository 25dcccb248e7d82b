package org.parley.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.Inbox;
import org.parley.it.support.RawIq;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.Subscriptions;

/**
 * Issue 4, item 6: a user can never read or change another user's data, and cannot send as someone else. Each test
 * is a request a curious or hostile user can make with a stock client.
 */
class AuthorizationIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    private static IQ to(IQ iq, Actor target) {
        iq.setTo(target.bareJid());
        return iq;
    }

    @Test
    @DisplayName("another user's roster can be neither read nor changed (RFC 6121 §2.1.5: forbidden)")
    void rosterOfAnotherUser() throws Exception {
        Actor alice = actors.login("alice");
        Actor mallory = actors.login("mallory");
        Actor bob = actors.login("bob");
        alice.available();
        bob.available();
        Subscriptions.mutual(alice, bob);
        StanzaError read = mallory.iqError(to(new RawIq(IQ.Type.get, "query", RosterPacket.NAMESPACE, ""), alice));
        assertThat(read.getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        StanzaError write = mallory.iqError(to(new RawIq(IQ.Type.set, "query", RosterPacket.NAMESPACE,
                "<item jid='" + mallory.bareJid() + "' name='friend'/>"), alice));
        assertThat(write.getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        assertThat(alice.rosterGet().getRosterItems()).extracting(RosterPacket.Item::getJid)
                .doesNotContain(mallory.bareJid());
    }

    @Test
    @DisplayName("an IQ for a service the server does not offer on another user's account is answered"
            + " service-unavailable from that account, revealing nothing (RFC 6121 §8.5.2.1.2)")
    void otherServicesOfAnotherUser() throws Exception {
        Actor alice = actors.login("alice");
        Actor mallory = actors.login("mallory");
        alice.available();
        StanzaError vcard = mallory.iqError(to(new RawIq(IQ.Type.get, "vCard", "vcard-temp", ""), alice));
        assertThat(vcard.getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        StanzaError offline = mallory.iqError(to(new RawIq(IQ.Type.get, "offline",
                "http://jabber.org/protocol/offline", ""), alice));
        assertThat(offline.getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        // alice never sees mallory's requests
        mallory.barrier(alice);
        alice.inbox().assertNone(s -> s instanceof IQ && mallory.jid().equals(s.getFrom()), "mallory's IQs");
    }

    @Test
    @DisplayName("another user's PEP nodes: not listed, not readable, not writable, not configurable without a"
            + " presence subscription")
    void personalEventingOfAnotherUser() throws Exception {
        Actor alice = actors.login("alice");
        Actor mallory = actors.login("mallory");
        PepManager.getInstanceFor(alice.connection()).publish("urn:example:diary",
                new PayloadItem<>("d1", new SimplePayload("<entry xmlns='urn:example:diary'>secret</entry>")));
        DiscoverItems nodes = ServiceDiscoveryManager.getInstanceFor(mallory.connection())
                .discoverItems(alice.bareJid());
        assertThat(nodes.getItems()).isEmpty();
        for (String request : List.of(
                "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:example:diary'/></pubsub>",
                "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><configure node='urn:example:diary'/>"
                        + "</pubsub>")) {
            StanzaError error = mallory.iqError(pubsub(request, alice));
            assertThat(error.getCondition()).isIn(StanzaError.Condition.not_authorized,
                    StanzaError.Condition.forbidden);
            assertThat(error.toXML().toString()).doesNotContain("secret");
        }
        StanzaError publish = mallory.iqError(pubsub("<pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                + "<publish node='urn:example:diary'><item><entry xmlns='urn:example:diary'>forged</entry></item>"
                + "</publish></pubsub>", alice, IQ.Type.set));
        assertThat(publish.getCondition()).isEqualTo(StanzaError.Condition.forbidden);
    }

    @Test
    @DisplayName("RFC 6120 §8.1.2.1: a stanza whose 'from' is not the sender's JID is never delivered as from"
            + " someone else")
    void spoofedFrom() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        Actor mallory = actors.login("mallory");
        bob.available();
        Message forged = new Message(bob.jid(), Message.Type.chat);
        forged.setBody("from alice, honest");
        forged.setFrom(alice.jid());
        mallory.send(forged);
        Presence presence = new Presence(Presence.Type.available);
        presence.setFrom(alice.jid());
        mallory.send(presence);
        mallory.barrier(bob);
        bob.inbox().assertNone(s -> alice.jid().equals(s.getFrom()) || alice.bareJid().equals(s.getFrom()),
                "a stanza claiming to be from alice");
        // the server either rejects it or rewrites 'from' to the real sender (RFC 6120 §8.1.2.1); never alice
        bob.inbox().find(Inbox.messageWithBody("from alice, honest"))
                .ifPresent(m -> assertThat(m.getFrom().toString()).isEqualTo(mallory.jid().toString()));
    }

    private static IQ pubsub(String xml, Actor target) {
        return pubsub(xml, target, IQ.Type.get);
    }

    /** {@code xml} is one {@code <pubsub/>} element; its namespace and content are sent as written. */
    private static IQ pubsub(String xml, Actor target, IQ.Type type) {
        String namespace = xml.substring(xml.indexOf("xmlns='") + 7, xml.indexOf('\'', xml.indexOf("xmlns='") + 7));
        String content = xml.substring(xml.indexOf('>') + 1, xml.lastIndexOf("</pubsub>"));
        RawIq iq = new RawIq(type, "pubsub", namespace, content);
        iq.setTo(target.bareJid());
        return iq;
    }
}
