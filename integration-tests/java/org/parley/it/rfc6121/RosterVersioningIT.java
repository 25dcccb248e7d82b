package org.parley.it.rfc6121;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.roster.packet.RosterVer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.RosterItems;
import org.parley.it.support.ServerPerClass;

/**
 * RFC 6121 §2.6, Roster Versioning. The client controls 'ver' itself (raw roster gets), so the exact requests are the
 * script's. Where §2.6.3 lets the server choose (complete roster or empty result plus pushes), these tests pin the
 * choice it recommends: "the server SHOULD send an empty IQ-result and then send the modifications (if any) via
 * roster pushes".
 */
class RosterVersioningIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("RFC 6121 §2.6.1: \"If a server supports roster versioning, then it MUST advertise the following"
            + " stream feature\": <ver xmlns='urn:xmpp:features:rosterver'/>")
    void featureAdvertised() throws Exception {
        Actor alice = actors.login("alice");
        assertThat(alice.connection().hasFeature(RosterVer.ELEMENT, RosterVer.NAMESPACE))
                .as("stream feature <ver xmlns='urn:xmpp:features:rosterver'/>").isTrue();
    }

    @Test
    @DisplayName("RFC 6121 §2.6.2/§2.6.3: a roster get with ver='' (no cache yet) returns the complete roster with a"
            + " 'ver' attribute")
    void emptyVerGetsCompleteRoster() throws Exception {
        Actor alice = actors.login("alice");
        BareJid nurse = actors.account("nurse").jid();
        alice.rosterSet(RosterItems.item(nurse, "Nurse"));
        IQ answer = alice.rosterGet("");
        assertThat(answer).as("answer to ver=''").isInstanceOf(RosterPacket.class);
        RosterPacket roster = (RosterPacket) answer;
        assertThat(roster.getVersion()).as("'ver' of the complete roster").isNotNull().isNotEmpty();
        assertThat(RosterItems.find(roster, nurse)).isPresent();
    }

    @Test
    @DisplayName("RFC 6121 §2.6.3: a roster get with the current version: an empty IQ-result, no roster (\"the server"
            + " SHOULD send an empty IQ-result\")")
    void currentVerGetsEmptyResult() throws Exception {
        Actor alice = actors.login("alice");
        alice.rosterSet(RosterItems.item(actors.account("nurse").jid(), "Nurse"));
        String current = ((RosterPacket) alice.rosterGet("")).getVersion();
        IQ answer = alice.rosterGet(current);
        assertThat(answer.getType()).isEqualTo(IQ.Type.result);
        assertThat(answer).as("answer to the current ver (an empty result has no <query/>)")
                .isNotInstanceOf(RosterPacket.class);
    }

    @Test
    @DisplayName("RFC 6121 §2.6.3: \"the server MUST include the updated roster version with each roster push\" and"
            + " \"the version contained in a roster push MUST be unique\"")
    void everyPushCarriesANewVersion() throws Exception {
        Actor alice = actors.login("alice");
        List<String> versions = new ArrayList<>();
        versions.add(((RosterPacket) alice.rosterGet("")).getVersion());
        BareJid nurse = actors.account("nurse").jid();
        BareJid tybalt = actors.account("tybalt").jid();
        alice.rosterSet(RosterItems.item(nurse, "Nurse"));
        versions.add(alice.inbox().awaitRosterPushPacket(nurse).getVersion());
        alice.rosterSet(RosterItems.item(tybalt, "Tybalt"));
        versions.add(alice.inbox().awaitRosterPushPacket(tybalt).getVersion());
        alice.rosterSet(RosterItems.item(nurse, "Nurse Angelica"));
        versions.add(alice.inbox().awaitRosterPushPacket(nurse).getVersion());
        alice.rosterSet(RosterItems.remove(tybalt));
        versions.add(alice.inbox().awaitRosterPushPacket(tybalt).getVersion());
        assertThat(versions).as("initial ver, then the ver of each push").doesNotContainNull().doesNotHaveDuplicates();
        // the last push's version is the current one
        assertThat(alice.rosterGet(versions.get(versions.size() - 1))).isNotInstanceOf(RosterPacket.class);
    }

    @Test
    @DisplayName("RFC 6121 §2.6.3: a roster get with an older version: empty IQ-result, then the changes since as"
            + " roster pushes in order of modification (\"Roster pushes MUST occur in order of modification\")")
    void olderVerGetsInterimPushes() throws Exception {
        Account aliceAccount = actors.account("alice");
        BareJid nurse = actors.account("nurse").jid();
        BareJid tybalt = actors.account("tybalt").jid();
        BareJid paris = actors.account("paris").jid();
        Actor first = actors.login(aliceAccount, "first");
        first.rosterSet(RosterItems.item(nurse, "Nurse"));
        String cached = ((RosterPacket) first.rosterGet("")).getVersion();
        // changes after the cached version: an addition, a removal, another addition
        first.rosterSet(RosterItems.item(tybalt, "Tybalt"));
        first.rosterSet(RosterItems.remove(nurse));
        first.rosterSet(RosterItems.item(paris, "Paris"));
        first.close();

        Actor second = actors.login(aliceAccount, "second");
        IQ answer = second.rosterGet(cached);
        assertThat(answer.getType()).isEqualTo(IQ.Type.result);
        assertThat(answer).as("answer to an older ver (an empty result has no <query/>)")
                .isNotInstanceOf(RosterPacket.class);
        RosterPacket tybaltPush = second.inbox().awaitRosterPushPacket(tybalt);
        RosterPacket nursePush = second.inbox().awaitRosterPushPacket(nurse);
        RosterPacket parisPush = second.inbox().awaitRosterPushPacket(paris);
        assertThat(nursePush.getRosterItems().get(0).getItemType()).as("the removed item").isEqualTo(ItemType.remove);
        assertThat(tybaltPush.getRosterItems().get(0).getName()).isEqualTo("Tybalt");
        assertThat(parisPush.getRosterItems().get(0).getName()).isEqualTo("Paris");
        assertThat(List.of(second.inbox().indexOf(s -> s == tybaltPush), second.inbox().indexOf(s -> s == nursePush),
                second.inbox().indexOf(s -> s == parisPush))).as("positions of the pushes in arrival order").isSorted();
        assertThat(second.rosterGet(parisPush.getVersion())).as("after the interim pushes the client is current")
                .isNotInstanceOf(RosterPacket.class);
    }

    @Test
    @DisplayName("RFC 6121 §2.6.3 (ADR 0007): after the account is deleted and registered again under the same JID, a"
            + " ver cached from the old account is not \"any previous version it has on file\": the complete roster of"
            + " the new account, even when its counter has caught up with the cached one")
    void verOfADeletedAccountGetsTheCompleteRosterOfTheNewOne() throws Exception {
        Account aliceAccount = actors.account("alice");
        Actor old = actors.login(aliceAccount, "old");
        BareJid nurse = actors.account("nurse").jid();
        old.rosterSet(RosterItems.item(nurse, "Nurse"));
        old.rosterSet(RosterItems.item(nurse, "Nurse Angelica"));
        String cached = ((RosterPacket) old.rosterGet("")).getVersion();
        old.close();

        org.parley.xmpp.BareJid alice = org.parley.xmpp.BareJid.parse(aliceAccount.jid().toString());
        assertThat(SERVER.server().accounts().remove(alice)).as("the old account deleted").isTrue();
        SERVER.server().createUser(aliceAccount.local(), aliceAccount.password());
        Actor renewed = actors.login(aliceAccount, "new");
        assertThat(renewed.rosterGet(cached)).as("the new, empty roster").isInstanceOf(RosterPacket.class)
                .satisfies(answer -> assertThat(((RosterPacket) answer).getRosterItems()).isEmpty());
        // two changes: the new roster's counter is now the one the cache holds
        renewed.rosterSet(RosterItems.item(actors.account("paris").jid(), "Paris"));
        renewed.rosterSet(RosterItems.item(nurse, "Nurse"));

        IQ answer = renewed.rosterGet(cached);
        assertThat(answer).as("answer to the old account's ver").isInstanceOf(RosterPacket.class);
        RosterPacket roster = (RosterPacket) answer;
        assertThat(roster.getRosterItems()).extracting(RosterPacket.Item::getName)
                .containsExactlyInAnyOrder("Paris", "Nurse");
        assertThat(roster.getVersion()).as("the new roster's ver").isNotNull().isNotEqualTo(cached);
        assertThat(renewed.rosterGet(roster.getVersion())).as("and that ver is current")
                .isNotInstanceOf(RosterPacket.class);
    }
}
