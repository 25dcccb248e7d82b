package org.parley.it.rfc6121;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.RawIq;
import org.parley.it.support.RosterItems;
import org.parley.it.support.ServerPerClass;

/** RFC 6121 §2, Managing the Roster: get, set (add, update), delete, pushes to interested resources, errors. */
class ManagingTheRosterIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("RFC 6121 §2.1.4: an empty roster: \"the server MUST return an IQ-result containing a child <query/>"
            + " element that in turn contains no <item/> children\"")
    void emptyRosterOfNewAccount() throws Exception {
        Actor alice = actors.login("alice");
        RosterPacket roster = alice.rosterGet();
        assertThat(roster.getType()).isEqualTo(IQ.Type.result);
        assertThat(roster.getRosterItems()).isEmpty();
    }

    @Test
    @DisplayName("RFC 6121 §2.3.2: adding an item: \"The server MUST return an IQ stanza of type result\" and \"MUST"
            + " also send a roster push ... including the resource that generated the roster set\"")
    void addItem() throws Exception {
        Actor alice = actors.login("alice");
        BareJid nurse = actors.account("nurse").jid();
        alice.rosterGet();
        IQ result = alice.rosterSet(RosterItems.item(nurse, "Nurse", "Servants"));
        assertThat(result.getType()).isEqualTo(IQ.Type.result);

        RosterPacket.Item pushed = alice.inbox().awaitRosterPush(nurse);
        assertThat(pushed.getName()).isEqualTo("Nurse");
        assertThat(pushed.getGroupNames()).containsExactly("Servants");
        assertThat(pushed.getItemType()).as("a new item's subscription").isEqualTo(ItemType.none);
        assertThat(pushed.isSubscriptionPending()).as("ask on a new item").isFalse();

        RosterPacket.Item stored = RosterItems.get(alice.rosterGet(), nurse);
        assertThat(stored.getName()).isEqualTo("Nurse");
        assertThat(stored.getGroupNames()).containsExactly("Servants");
    }

    @Test
    @DisplayName("RFC 6121 §2.4.2: updating an item (name, groups): result, roster push with the new values, and the"
            + " roster shows them")
    void updateItem() throws Exception {
        Actor alice = actors.login("alice");
        BareJid nurse = actors.account("nurse").jid();
        alice.rosterGet();
        alice.rosterSet(RosterItems.item(nurse, "Nurse", "Servants"));
        alice.inbox().awaitRosterPush(nurse);

        alice.rosterSet(RosterItems.item(nurse, "Nurse Angelica", "Friends", "Family"));
        RosterPacket.Item pushed = alice.inbox().awaitRosterPush(nurse);
        assertThat(pushed.getName()).isEqualTo("Nurse Angelica");
        assertThat(pushed.getGroupNames()).containsExactlyInAnyOrder("Friends", "Family");

        RosterPacket roster = alice.rosterGet();
        assertThat(roster.getRosterItems()).hasSize(1);
        RosterPacket.Item stored = RosterItems.get(roster, nurse);
        assertThat(stored.getName()).isEqualTo("Nurse Angelica");
        assertThat(stored.getGroupNames()).containsExactlyInAnyOrder("Friends", "Family");
    }

    @Test
    @DisplayName("RFC 6121 §2.5.2: deleting an item: result and a roster push with subscription='remove'; the item"
            + " is gone")
    void deleteItem() throws Exception {
        Actor alice = actors.login("alice");
        BareJid nurse = actors.account("nurse").jid();
        alice.rosterGet();
        alice.rosterSet(RosterItems.item(nurse, "Nurse", "Servants"));
        alice.inbox().awaitRosterPush(nurse);

        IQ result = alice.rosterSet(RosterItems.remove(nurse));
        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        RosterPacket.Item pushed = alice.inbox().awaitRosterPush(nurse);
        assertThat(pushed.getItemType()).isEqualTo(ItemType.remove);
        RosterPacket after = alice.rosterGet();
        assertThat(RosterItems.find(after, nurse)).as("item for %s after its removal, in %s", nurse,
                after.toXML()).isEmpty();
    }

    @Test
    @DisplayName("RFC 6121 §2.5.3: deleting an item that is not in the roster: \"the server MUST return an"
            + " <item-not-found/> stanza error\"")
    void deleteUnknownItem() throws Exception {
        Actor alice = actors.login("alice");
        StanzaError error = alice.rosterSetError(RosterItems.remove(actors.account("stranger").jid()));
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
    }

    @Test
    @DisplayName("RFC 6121 §2.3.3: \"The server MUST return a <bad-request/> stanza error ... if ... The <query/>"
            + " element contains more than one <item/> child element\"")
    void twoItemsInOneSet() throws Exception {
        Actor alice = actors.login("alice");
        StanzaError error = alice.rosterSetError(RosterItems.item(actors.account("nurse").jid(), "Nurse"),
                RosterItems.item(actors.account("tybalt").jid(), "Tybalt"));
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.bad_request);
        assertThat(alice.rosterGet().getRosterItems()).as("nothing added").isEmpty();
    }

    @Test
    @DisplayName("RFC 6121 §2.3.3: \"The server MUST return a <bad-request/> stanza error ... if ... there are"
            + " duplicate groups\"")
    void duplicateGroup() throws Exception {
        Actor alice = actors.login("alice");
        BareJid tybalt = actors.account("tybalt").jid();
        // Smack's RosterPacket.Item keeps its groups in a set, so this item is written by hand
        StanzaError error = alice.iqError(new RawIq(IQ.Type.set, "query", RosterPacket.NAMESPACE,
                "<item jid='" + tybalt + "' name='Tybalt'><group>Enemies</group><group>Enemies</group></item>"));
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.bad_request);
        assertThat(alice.rosterGet().getRosterItems()).as("nothing added").isEmpty();
    }

    @Test
    @DisplayName("RFC 6121 §2.3.3: \"The server MUST return a <not-acceptable/> stanza error ... if ... The <group/>"
            + " element contains no XML character data\"")
    void emptyGroup() throws Exception {
        Actor alice = actors.login("alice");
        StanzaError error = alice.rosterSetError(RosterItems.item(actors.account("nurse").jid(), "Nurse", ""));
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat(alice.rosterGet().getRosterItems()).as("nothing added").isEmpty();
    }

    @Test
    @DisplayName("RFC 6121 §2.1.2.5: \"in a roster set the server MUST ignore all values of the 'subscription'"
            + " attribute other than 'remove'\": a client cannot set subscription='both'")
    void subscriptionInRosterSetIsIgnored() throws Exception {
        Actor alice = actors.login("alice");
        BareJid nurse = actors.account("nurse").jid();
        alice.rosterGet();
        RosterPacket.Item forged = RosterItems.item(nurse, "Nurse");
        forged.setItemType(ItemType.both);
        alice.rosterSet(forged);
        assertThat(alice.inbox().awaitRosterPush(nurse).getItemType()).isEqualTo(ItemType.none);
        assertThat(RosterItems.get(alice.rosterGet(), nurse).getItemType()).isEqualTo(ItemType.none);
    }

    @Test
    @DisplayName("RFC 6121 §2.2/§2.3.2: \"The server MUST send roster pushes to all interested resources\": two"
            + " resources that requested the roster both get the push")
    void pushGoesToEveryInterestedResource() throws Exception {
        Account alice = actors.account("alice");
        Actor balcony = actors.login(alice, "balcony");
        Actor chamber = actors.login(alice, "chamber");
        balcony.rosterGet();
        chamber.rosterGet();
        BareJid nurse = actors.account("nurse").jid();
        balcony.rosterSet(RosterItems.item(nurse, "Nurse", "Servants"));
        assertThat(balcony.inbox().awaitRosterPush(nurse).getName()).isEqualTo("Nurse");
        RosterPacket.Item atChamber = chamber.inbox().awaitRosterPush(nurse);
        assertThat(atChamber.getName()).isEqualTo("Nurse");
        assertThat(atChamber.getGroupNames()).containsExactly("Servants");
    }

    @Test
    @DisplayName("RFC 6121 §2.2: roster pushes go to \"interested resources\" (those that requested the roster): a"
            + " connected resource that never requested it gets none")
    void noPushToResourceThatNeverRequestedTheRoster() throws Exception {
        Account alice = actors.account("alice");
        Actor balcony = actors.login(alice, "balcony");
        Actor garden = actors.login(alice, "garden");
        garden.available();
        balcony.rosterGet();
        BareJid nurse = actors.account("nurse").jid();
        balcony.rosterSet(RosterItems.item(nurse, "Nurse"));
        balcony.inbox().awaitRosterPush(nurse);
        balcony.barrier(garden);
        garden.inbox().assertNone(s -> s instanceof RosterPacket && ((RosterPacket) s).getType() == IQ.Type.set,
                "a roster push (it never requested the roster)");
    }
}
