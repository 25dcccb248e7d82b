package org.parley.it.rfc6121;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.roster.packet.SubscriptionPreApproval;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.Inbox;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.Subscriptions;

/**
 * RFC 6121 §3, Managing Presence Subscriptions: requesting (§3.1) online and offline, canceling (§3.2),
 * unsubscribing (§3.3) and pre-approving (§3.4), each with its roster pushes and presence side effects.
 */
class ManagingPresenceSubscriptionsIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("RFC 6121 §3/§3.1.2/§3.1.3: the request reaches the available contact stamped with the user's bare"
            + " JID (\"the server MUST stamp the outgoing presence stanza with the bare JID\"), and the user gets a"
            + " roster push with subscription='none' ask='subscribe'")
    void requestToAvailableContact() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.rosterGet();
        bob.available();

        alice.subscribe(bob.bareJid());
        Presence request = bob.inbox().awaitPresence(p -> p.getType() == Presence.Type.subscribe,
                "a subscription request");
        assertThat(request.getFrom().toString()).as("'from' of the delivered request")
                .isEqualTo(alice.bareJid().toString());
        RosterPacket.Item pending = alice.inbox().awaitRosterPush(bob.bareJid());
        assertThat(pending.getItemType()).isEqualTo(ItemType.none);
        assertThat(pending.isSubscriptionPending()).as("ask='subscribe'").isTrue();
    }

    @Test
    @DisplayName("RFC 6121 §3.1.3: offline contact: the server \"MUST keep a record of the complete presence stanza"
            + " comprising the subscription request\" and \"MUST continue to deliver the subscription request whenever"
            + " the contact creates an available resource, until the contact either approves or denies\"")
    void requestToOfflineContactIsDeliveredAtEveryLoginUntilAnswered() throws Exception {
        Actor alice = actors.login("alice");
        Account bobAccount = actors.account("bob");
        alice.available();
        alice.send(alice.presenceBuilder().ofType(Presence.Type.subscribe).to(bobAccount.jid())
                .setStatus("It's Alice, from the party").build());
        alice.pingServer();

        // first login: nothing before initial presence, the stored request (status text included) after it
        Actor bob1 = actors.login(bobAccount, "first");
        bob1.pingServer();
        bob1.inbox().assertNone(isSubscribeFrom(alice.bareJid()), "the request before sending initial presence");
        bob1.available();
        Presence first = bob1.inbox().awaitPresence(alice.bareJid(), Presence.Type.subscribe);
        assertThat(first.getStatus()).as("status text of the stored request").isEqualTo("It's Alice, from the party");
        bob1.close();

        // second login, still unanswered: delivered again, complete
        Actor bob2 = actors.login(bobAccount, "second");
        bob2.available();
        Presence again = bob2.inbox().awaitPresence(alice.bareJid(), Presence.Type.subscribe);
        assertThat(again.getStatus()).isEqualTo("It's Alice, from the party");
        bob2.subscribed(alice.bareJid());
        alice.inbox().awaitPresence(bob2.bareJid(), Presence.Type.subscribed);
        bob2.close();

        // third login, answered: alice (now subscribed to bob) sees him come online; the request is not repeated
        Actor bob3 = actors.login(bobAccount, "third");
        bob3.available();
        alice.inbox().awaitPresence(bob3.jid(), Presence.Type.available);
        alice.barrier(bob3);
        bob3.inbox().assertNone(isSubscribeFrom(alice.bareJid()), "the request again after bob approved it");
    }

    @Test
    @DisplayName("RFC 6121 §3.1.3: \"The contact's server MUST NOT deliver more than one subscription request from"
            + " any given user when the contact next has an available resource\"")
    void repeatedOfflineRequestsAreDeliveredOnce() throws Exception {
        Actor alice = actors.login("alice");
        Account bobAccount = actors.account("bob");
        alice.subscribe(bobAccount.jid());
        alice.subscribe(bobAccount.jid());
        alice.subscribe(bobAccount.jid());
        alice.pingServer();

        Actor bob = actors.login(bobAccount);
        bob.available();
        bob.inbox().awaitPresence(alice.bareJid(), Presence.Type.subscribe);
        bob.pingServer();
        alice.barrier(bob);
        assertThat(bob.inbox().count(Inbox.presence(alice.bareJid(), Presence.Type.subscribe)))
                .as("subscription requests from alice delivered at bob's login").isEqualTo(1);
    }

    @Test
    @DisplayName("RFC 6121 §3.1.3: \"If the contact exists and the user already has a subscription to the contact's"
            + " presence, then the contact's server MUST auto-reply on behalf of the contact\" with 'subscribed'")
    void repeatedRequestWhenAlreadySubscribedIsAnsweredByTheServer() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.available();
        bob.available();
        Subscriptions.subscribe(alice, bob);

        alice.subscribe(bob.bareJid());
        alice.inbox().awaitPresence(bob.bareJid(), Presence.Type.subscribed);
        alice.barrier(bob);
        assertThat(bob.inbox().count(Inbox.presence(alice.bareJid(), Presence.Type.subscribe)))
                .as("requests delivered to bob (only the first one needed his answer)").isEqualTo(1);
    }

    @Test
    @DisplayName("RFC 6121 §3.2: the contact cancels: roster pushes on both sides to 'none', and \"before the"
            + " contact's server routes or delivers the presence stanza of type 'unsubscribed' to the user, the"
            + " contact's server MUST send a presence stanza of type 'unavailable' from all of the contact's online"
            + " resources to the user\"")
    void contactCancelsTheSubscription() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.rosterGet();
        bob.rosterGet();
        alice.available();
        bob.available();
        Subscriptions.subscribe(alice, bob);
        bob.inbox().awaitRosterPush(alice.bareJid(), i -> i.getItemType() == ItemType.from, "subscription='from'");
        alice.inbox().awaitPresence(bob.jid(), Presence.Type.available);

        bob.unsubscribed(alice.bareJid());
        // §3.2.2: the contact's roster: 'from' becomes 'none'
        bob.inbox().awaitRosterPush(alice.bareJid(), i -> i.getItemType() == ItemType.none,
                "subscription='none'");
        // §3.2.3: the user's roster: 'to' becomes 'none'; the cancellation is delivered, from the bare JID
        alice.inbox().awaitRosterPush(bob.bareJid(),
                i -> i.getItemType() == ItemType.none && !i.isSubscriptionPending(), "subscription='none'");
        Presence unsubscribed = alice.inbox().awaitPresence(bob.bareJid(), Presence.Type.unsubscribed);
        Presence unavailable = alice.inbox().awaitPresence(bob.jid(), Presence.Type.unavailable);
        assertThat(alice.inbox().indexOf(s -> s == unavailable))
                .as("position of bob's unavailable presence in alice's inbox, which must come before the"
                        + " 'unsubscribed' (at %d)\n%s", alice.inbox().indexOf(s -> s == unsubscribed), alice.inbox())
                .isLessThan(alice.inbox().indexOf(s -> s == unsubscribed));
    }

    @Test
    @DisplayName("RFC 6121 §3.3: the user unsubscribes: roster pushes on both sides to 'none', the contact gets the"
            + " 'unsubscribe', and the contact's server MUST send 'unavailable' from the contact's available"
            + " resources to the user")
    void userUnsubscribes() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.rosterGet();
        bob.rosterGet();
        alice.available();
        bob.available();
        Subscriptions.subscribe(alice, bob);
        bob.inbox().awaitRosterPush(alice.bareJid(), i -> i.getItemType() == ItemType.from, "subscription='from'");
        alice.inbox().awaitPresence(bob.jid(), Presence.Type.available);

        alice.unsubscribe(bob.bareJid());
        // §3.3.2: the user's roster: 'to' becomes 'none'
        alice.inbox().awaitRosterPush(bob.bareJid(),
                i -> i.getItemType() == ItemType.none && !i.isSubscriptionPending(), "subscription='none'");
        // §3.3.3: delivered to the contact from the user's bare JID; the contact's roster: 'from' becomes 'none'
        bob.inbox().awaitPresence(alice.bareJid(), Presence.Type.unsubscribe);
        bob.inbox().awaitRosterPush(alice.bareJid(), i -> i.getItemType() == ItemType.none,
                "subscription='none'");
        alice.inbox().awaitPresence(bob.jid(), Presence.Type.unavailable);
    }

    @Test
    @DisplayName("RFC 6121 §3.4: \"If a server supports subscription pre-approvals, then it MUST advertise the"
            + " following stream feature\": <sub xmlns='urn:xmpp:features:pre-approval'/>")
    void preApprovalFeatureAdvertised() throws Exception {
        Actor alice = actors.login("alice");
        assertThat(alice.connection().hasFeature(SubscriptionPreApproval.ELEMENT, SubscriptionPreApproval.NAMESPACE))
                .as("stream feature <sub xmlns='urn:xmpp:features:pre-approval'/>").isTrue();
    }

    @Test
    @DisplayName("RFC 6121 §3.4: 'subscribed' before any request is a pre-approval: pushed with approved='true' and"
            + " not routed; bob's later request is approved on alice's behalf and never delivered to her")
    void preApprovedRequestIsApprovedByTheServer() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.rosterGet();
        bob.rosterGet();
        alice.available();
        bob.available();

        alice.subscribed(bob.bareJid());
        // §3.4.2: the contact is not in the roster: a new item, state "None", approved='true', pushed
        RosterPacket.Item preApproved = alice.inbox().awaitRosterPush(bob.bareJid());
        assertThat(preApproved.getItemType()).isEqualTo(ItemType.none);
        assertThat(preApproved.isApproved()).as("approved='true'").isTrue();
        // §3.4.2: "the user's server MUST NOT route the presence stanza of type 'subscribed' to the contact"
        alice.barrier(bob);
        bob.inbox().assertNone(Inbox.presence(alice.bareJid(), Presence.Type.subscribed), "the pre-approval");

        bob.subscribe(alice.bareJid());
        bob.inbox().awaitPresence(alice.bareJid(), Presence.Type.subscribed);
        assertThat(bob.inbox().awaitRosterPush(alice.bareJid(), i -> i.getItemType() == ItemType.to,
                "subscription='to'").isSubscriptionPending()).isFalse();
        alice.inbox().awaitRosterPush(bob.bareJid(), i -> i.getItemType() == ItemType.from, "subscription='from'");
        // §3.1.5: the approval brings alice's current presence
        bob.inbox().awaitPresence(alice.jid(), Presence.Type.available);
        bob.barrier(alice);
        alice.inbox().assertNone(Inbox.presence(bob.bareJid(), Presence.Type.subscribe),
                "bob's request (it was pre-approved)");
    }

    private static Predicate<Stanza> isSubscribeFrom(Jid from) {
        return Inbox.presence(from, Presence.Type.subscribe);
    }
}
