package org.parley.it.xep0163;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.form.ConfigureForm;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.ItemsExtension;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.junit.jupiter.api.DisplayName;
import org.jxmpp.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.RawIq;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.Subscriptions;
import org.parley.it.support.TestServer;

/**
 * XEP-0163 Personal Eventing Protocol over real Smack clients: discovery, publish with auto-create, filtered
 * notifications by entity capabilities ({@code +notify}), the last item on a filter change, access models, node
 * configuration and deletion, and the XEP-0060 errors.
 */
class PersonalEventingIT {

    private static final String TUNE = "http://jabber.org/protocol/tune";

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    private static PayloadItem<SimplePayload> tune(String id, String title) {
        return new PayloadItem<>(id, new SimplePayload("<tune xmlns='" + TUNE + "'><title>" + title
                + "</title></tune>"));
    }

    /** A pubsub IQ with literal content, for what Smack's API cannot send (errors, publish-options). */
    private static IQ pubsub(IQ.Type type, Jid to, String content) {
        RawIq iq = new RawIq(type, "pubsub", "http://jabber.org/protocol/pubsub", content);
        iq.setTo(to);
        return iq;
    }

    private static void wantTunes(Actor actor) {
        ServiceDiscoveryManager.getInstanceFor(actor.connection()).addFeature(TUNE + "+notify");
    }

    private static boolean tuneEvent(Stanza s, Actor from, String title) {
        if (!(s instanceof Message) || !from.bareJid().equals(s.getFrom())) {
            return false;
        }
        EventElement event = s.getExtension(EventElement.class);
        return event != null && event.getEvent() instanceof ItemsExtension
                && event.getEvent().toXML().toString().contains("<title>" + title + "</title>");
    }

    private static Message awaitTune(Actor receiver, Actor publisher, String title) {
        return receiver.inbox().await(Message.class, m -> tuneEvent(m, publisher, title),
                "a tune notification '" + title + "' from " + publisher.bareJid());
    }

    @Test
    @DisplayName("XEP-0163 §5: the account advertises a pubsub/pep identity and the features PEP needs")
    void accountIsPepService() throws Exception {
        Actor alice = actors.login("alice");
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection())
                .discoverInfo(alice.bareJid());
        assertThat(info.hasIdentity("pubsub", "pep")).isTrue();
        assertThat(info.hasIdentity("account", "registered")).isTrue();
        assertThat(PepManager.getInstanceFor(alice.connection()).isSupported()).isTrue();
    }

    @Test
    @DisplayName("XEP-0163 §4.3: a publish reaches the contacts with +notify, the owner's +notify resources, and"
            + " nobody else")
    void publishNotifiesInterestedSubscribers() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        Actor carol = actors.login("carol");
        Actor dave = actors.login("dave");
        for (Actor a : List.of(alice, bob, carol, dave)) {
            a.available();
        }
        Subscriptions.mutual(alice, bob);
        Subscriptions.mutual(alice, carol);
        wantTunes(bob);
        wantTunes(alice);
        wantTunes(dave); // wants tunes, but is not subscribed to alice's presence
        // carol does not ask for tunes
        bob.pingServer();
        alice.pingServer();

        PepManager.getInstanceFor(alice.connection()).publish(TUNE, tune("t1", "Sonata"));
        Message atBob = awaitTune(bob, alice, "Sonata");
        assertThat(atBob.getType()).isEqualTo(Message.Type.headline);
        assertThat(atBob.getTo().toString()).isEqualTo(bob.jid().toString());
        awaitTune(alice, alice, "Sonata");
        alice.barrier(carol);
        carol.inbox().assertNone(s -> tuneEvent(s, alice, "Sonata"), "a tune (carol did not ask for +notify)");
        alice.barrier(dave);
        dave.inbox().assertNone(s -> tuneEvent(s, alice, "Sonata"), "a tune (dave has no presence subscription)");
    }

    @Test
    @DisplayName("XEP-0163 §4.3.3: a resource that starts asking for +notify gets the last item published before")
    void lastItemAfterFilterChange() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.available();
        bob.available();
        Subscriptions.mutual(alice, bob);
        PepManager.getInstanceFor(alice.connection()).publish(TUNE, tune("t1", "Fugue"));
        PepManager.getInstanceFor(alice.connection()).publish(TUNE, tune("t2", "Toccata"));
        wantTunes(bob);
        awaitTune(bob, alice, "Toccata");
        assertThat(bob.inbox().count(s -> tuneEvent(s, alice, "Fugue"))).isZero();
    }

    @Test
    @DisplayName("XEP-0060 §6.5 with the presence access model: contacts with a subscription read items, others get"
            + " not-authorized with presence-subscription-required")
    void itemsFollowAccessModel() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        Actor eve = actors.login("eve");
        alice.available();
        bob.available();
        Subscriptions.mutual(alice, bob);
        PepManager.getInstanceFor(alice.connection()).publish(TUNE, tune("t9", "Nocturne"));

        LeafNode atBob = PubSubManager.getInstanceFor(bob.connection(), alice.bareJid()).getLeafNode(TUNE);
        List<Item> items = atBob.getItems(1);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).getId()).isEqualTo("t9");
        assertThat(items.get(0).toXML().toString()).contains("Nocturne");

        StanzaError denied = eve.iqError(pubsub(IQ.Type.get, alice.bareJid(), "<items node='" + TUNE + "'/>"));
        assertThat(denied.getCondition()).isEqualTo(StanzaError.Condition.not_authorized);
        assertThat(denied.toXML().toString()).contains("presence-subscription-required");

        LeafNode own = PubSubManager.getInstanceFor(alice.connection(), alice.bareJid()).getLeafNode(TUNE);
        ConfigureForm config = own.getNodeConfiguration();
        assertThat(config.getAccessModel()).isEqualTo(AccessModel.presence);
        FillableConfigureForm open = config.getFillableForm();
        open.setAccessModel(AccessModel.open);
        own.sendConfigurationForm(open);
        assertThat(PubSubManager.getInstanceFor(eve.connection(), alice.bareJid()).getLeafNode(TUNE).getItems(1))
                .hasSize(1);
    }

    @Test
    @DisplayName("XEP-0060 §7.1.5 publish-options: a node that does not match gets conflict/precondition-not-met;"
            + " §8.4 a deleted node is gone")
    void publishOptionsAndDelete() throws Exception {
        Actor alice = actors.login("alice");
        String node = "urn:example:private";
        alice.request(pubsub(IQ.Type.set, null, "<publish node='" + node
                + "'><item id='a'><secret xmlns='urn:example'/></item></publish><publish-options>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>"
                + "http://jabber.org/protocol/pubsub#publish-options</value></field>"
                + "<field var='pubsub#access_model'><value>whitelist</value></field></x></publish-options>"));
        StanzaError mismatch = alice.iqError(pubsub(IQ.Type.set, null, "<publish node='" + node + "'><item id='b'><secret xmlns='urn:example'/></item></publish>"
                + "<publish-options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
                + "<value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
                + "<field var='pubsub#access_model'><value>open</value></field></x></publish-options>"));
        assertThat(mismatch.getCondition()).isEqualTo(StanzaError.Condition.conflict);
        assertThat(mismatch.toXML().toString()).contains("precondition-not-met");

        PubSubManager.getInstanceFor(alice.connection(), alice.bareJid()).deleteNode(node);
        StanzaError gone = alice.iqError(pubsub(IQ.Type.get, null, "<items node='" + node + "'/>"));
        assertThat(gone.getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
    }

    @Test
    @DisplayName("PEP items are stored: after a restart the owner and a contact still read the last item, and a"
            + " contact that signs on with +notify gets it")
    void itemsSurviveRestart() throws Exception {
        try (TestServer server = TestServer.start()) {
            Account aliceAccount = Account.create(server, "alice");
            Account bobAccount = Account.create(server, "bob");
            try (Actor alice = aliceAccount.login(); Actor bob = bobAccount.login()) {
                alice.available();
                bob.available();
                Subscriptions.mutual(alice, bob);
                PepManager.getInstanceFor(alice.connection()).publish(TUNE, tune("kept", "Requiem"));
            }
            server.restart();
            try (Actor alice = aliceAccount.login(); Actor bob = bobAccount.login()) {
                List<Item> own = PubSubManager.getInstanceFor(alice.connection(), alice.bareJid())
                        .getLeafNode(TUNE).getItems(1);
                assertThat(own).extracting(Item::getId).containsExactly("kept");
                wantTunes(bob);
                bob.available();
                awaitTune(bob, alice, "Requiem");
            }
        }
    }

    @Test
    @DisplayName("XEP-0060 §7.1.3: publish errors (no payload: item-required; another user's node: forbidden)")
    void publishErrors() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        StanzaError noPayload = alice.iqError(pubsub(IQ.Type.set, null, "<publish node='" + TUNE + "'><item id='x'/></publish>"));
        assertThat(noPayload.getCondition()).isEqualTo(StanzaError.Condition.bad_request);
        assertThat(noPayload.toXML().toString()).contains("item-required");
        StanzaError notOwner = bob.iqError(pubsub(IQ.Type.set, alice.bareJid(),
                "<publish node='" + TUNE + "'><item><tune xmlns='" + TUNE + "'/></item></publish>"));
        assertThat(notOwner.getCondition()).isEqualTo(StanzaError.Condition.forbidden);
    }
}
