package org.parley.it.xep0313;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.ServerPerClass;

/**
 * XEP-0313 over real Smack 4.4 clients ({@code MamManager}): discovery on the account, both sides of a conversation
 * archived once each, the recipient's copy stamped with the archive id (XEP-0359) also when it goes to offline
 * storage, forged stanza-ids removed, and preferences.
 */
class MessageArchiveIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    private static MamManager.MamQuery all(Actor actor) throws Exception {
        return MamManager.getInstanceFor(actor.connection())
                .queryArchive(MamManager.MamQueryArgs.builder().setResultPageSizeTo(100).build());
    }

    private static List<String> bodies(MamManager.MamQuery query) {
        return query.getMessages().stream().map(Message::getBody).toList();
    }

    @Test
    @DisplayName("XEP-0313 §7: urn:xmpp:mam:2 and #extended on the user's bare JID (Smack's isSupported)")
    void advertisedOnTheAccount() throws Exception {
        Actor romeo = actors.login("romeo");
        assertThat(MamManager.getInstanceFor(romeo.connection()).isSupported()).isTrue();
    }

    @Test
    @DisplayName("XEP-0313 §3.5, §5.1.1: a chat message is in both archives once; the recipient's copy carries its id")
    void bothSidesArchivedWithStanzaId() throws Exception {
        Actor romeo = actors.login("romeo");
        Actor juliet = actors.login("juliet");
        juliet.available();
        romeo.chat(juliet.jid(), "wherefore art thou");
        Message received = juliet.inbox().awaitMessage(m -> "wherefore art thou".equals(m.getBody()), "the chat");

        StanzaIdElement sid = StanzaIdElement.getStanzaId(received);
        assertThat(sid).as("stanza-id on the delivered copy").isNotNull();
        assertThat(sid.getBy()).isEqualTo(juliet.bareJid().toString());

        MamManager.MamQuery julietArchive = all(juliet);
        assertThat(bodies(julietArchive)).containsExactly("wherefore art thou");
        assertThat(julietArchive.getMamResultExtensions().get(0).getId()).isEqualTo(sid.getId());
        assertThat(julietArchive.isComplete()).isTrue();
        MamManager.MamQuery romeoArchive = all(romeo);
        assertThat(bodies(romeoArchive)).containsExactly("wherefore art thou");
        assertThat(romeoArchive.getMamResultExtensions().get(0).getForwarded().getDelayInformation())
                .as("XEP-0203 stamp").isNotNull();
    }

    @Test
    @DisplayName("XEP-0313 §3.5: a message stored offline is archived, and delivered later with the same stanza-id")
    void offlineMessageArchivedWithStanzaId() throws Exception {
        Actor romeo = actors.login("romeo");
        Account juliet = actors.account("juliet");
        romeo.chat(juliet.jid(), "for later");
        romeo.pingServer(); // stored and archived before the ping is answered

        Actor online = actors.login(juliet);
        online.available();
        Message flushed = online.inbox().awaitMessage(m -> "for later".equals(m.getBody()), "the offline message");
        StanzaIdElement sid = StanzaIdElement.getStanzaId(flushed);
        assertThat(sid).as("stanza-id kept by offline storage").isNotNull();
        MamManager.MamQuery archive = all(online);
        assertThat(bodies(archive)).containsExactly("for later");
        assertThat(archive.getMamResultExtensions().get(0).getId()).isEqualTo(sid.getId());
        assertThat(bodies(all(romeo))).containsExactly("for later");
    }

    @Test
    @DisplayName("XEP-0359 §5: a stanza-id the sender made up in the recipient's name is removed")
    void forgedStanzaIdRemoved() throws Exception {
        Actor romeo = actors.login("romeo");
        Actor juliet = actors.login("juliet");
        juliet.available();
        Message forged = romeo.connection().getStanzaFactory().buildMessageStanza().to(juliet.jid())
                .ofType(Message.Type.chat).setBody("trust me")
                .addExtension(StandardExtensionElement.builder("stanza-id", "urn:xmpp:sid:0")
                        .addAttribute("by", juliet.bareJid().toString()).addAttribute("id", "forged").build())
                .build();
        romeo.send(forged);
        Message received = juliet.inbox().awaitMessage(m -> "trust me".equals(m.getBody()), "the message");
        List<StanzaIdElement> ids = received.getExtensions(StanzaIdElement.class);
        assertThat(ids).hasSize(1);
        assertThat(ids.get(0).getId()).isNotEqualTo("forged");
        assertThat(all(juliet).getMamResultExtensions()).extracting(MamElements.MamResultExtension::getId)
                .containsExactly(ids.get(0).getId());
    }

    @Test
    @DisplayName("XEP-0313 §5.1.1, XEP-0334: chat states and <no-permanent-store/> are not archived")
    void notArchivable() throws Exception {
        Actor romeo = actors.login("romeo");
        Actor juliet = actors.login("juliet");
        juliet.available();
        romeo.sendRaw("<message xmlns='jabber:client' to='" + juliet.jid() + "' type='chat'>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>");
        romeo.sendRaw("<message xmlns='jabber:client' to='" + juliet.jid() + "' type='chat'><body>secret</body>"
                + "<no-permanent-store xmlns='urn:xmpp:hints'/></message>");
        romeo.sendRaw("<message xmlns='jabber:client' to='" + juliet.jid() + "' type='chat'><body>kept</body></message>");
        juliet.inbox().awaitMessage(m -> "kept".equals(m.getBody()), "the last message");
        assertThat(bodies(all(juliet))).containsExactly("kept");
        assertThat(bodies(all(romeo))).containsExactly("kept");
    }

    @Test
    @DisplayName("XEP-0313 prefs: default always; 'never' stops archiving for that user only")
    void preferences() throws Exception {
        Actor romeo = actors.login("romeo");
        Actor juliet = actors.login("juliet");
        juliet.available();
        MamManager mam = MamManager.getInstanceFor(juliet.connection());
        assertThat(mam.retrieveArchivingPreferences().asMamPrefs().getDefaultBehavior())
                .isEqualTo(MamPrefsIQ.DefaultBehavior.always);
        mam.setDefaultBehavior(MamPrefsIQ.DefaultBehavior.never);
        assertThat(mam.retrieveArchivingPreferences().asMamPrefs().getDefaultBehavior())
                .isEqualTo(MamPrefsIQ.DefaultBehavior.never);

        romeo.chat(juliet.jid(), "off the record");
        Message received = juliet.inbox().awaitMessage(m -> "off the record".equals(m.getBody()), "the message");
        assertThat(StanzaIdElement.getStanzaId(received)).as("not archived for juliet: no stanza-id").isNull();
        assertThat(all(juliet).getMessages()).isEmpty();
        assertThat(bodies(all(romeo))).containsExactly("off the record");
    }
}
