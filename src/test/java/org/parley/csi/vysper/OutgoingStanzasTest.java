package org.parley.csi.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.stanza.MessageStanzaType;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.junit.jupiter.api.Test;
import org.parley.csi.Outgoing;
import org.parley.csi.Urgency;
import org.parley.xmpp.vysper.StanzaXml;

/** Reading stanzas, as they reach a client, into the rule table's facts, and the row each one gets. */
class OutgoingStanzasTest {

    private static final String USER = "juliet@capulet.lit";

    private static Urgency row(String xml) {
        return Urgency.of(OutgoingStanzas.of(StanzaXml.parse(xml), "phone"), USER);
    }

    @Test
    void messagesWithABodyAreUrgentWhereverTheyGo() {
        assertThat(row("<message from='romeo@montague.lit/a' to='juliet@capulet.lit' type='chat'>"
                + "<body>hi</body><active xmlns='http://jabber.org/protocol/chatstates'/></message>"))
                .isEqualTo(Urgency.BODY);
        // a server-built message: the body has no namespace of its own
        assertThat(Urgency.of(OutgoingStanzas.of(StanzaBuilder.createMessageStanza(
                EntityImpl.parseUnchecked("romeo@montague.lit/a"), EntityImpl.parseUnchecked(USER),
                MessageStanzaType.CHAT, null, "hi").build(), "phone"), USER)).isEqualTo(Urgency.BODY);
    }

    @Test
    void chatStateOnlyMessagesAreHeldEvenWithThreadAndIds() {
        Outgoing typing = OutgoingStanzas.of(StanzaXml.parse("<message from='romeo@montague.lit/a' "
                + "to='juliet@capulet.lit/phone' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/>"
                + "<thread>t1</thread><origin-id xmlns='urn:xmpp:sid:0' id='x'/><no-store xmlns='urn:xmpp:hints'/>"
                + "</message>"), "phone");
        assertThat(typing.chatStateOnly()).isTrue();
        assertThat(typing.toFullJid()).isTrue();
        assertThat(typing.fromBare()).isEqualTo("romeo@montague.lit");
        assertThat(Urgency.of(typing, USER)).isEqualTo(Urgency.CHAT_STATE);
        // something else a client acts on rides along: not chat-state-only, and to the full JID it is urgent
        assertThat(row("<message from='romeo@montague.lit/a' to='juliet@capulet.lit/phone' type='chat'>"
                + "<composing xmlns='http://jabber.org/protocol/chatstates'/>"
                + "<received xmlns='urn:xmpp:receipts' id='m1'/></message>")).isEqualTo(Urgency.TO_FULL_JID);
    }

    @Test
    void carbonsAreUrgentWhenTheyForwardABody() {
        String received = "<message from='juliet@capulet.lit' to='juliet@capulet.lit/phone' type='chat'>"
                + "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                + "<message xmlns='jabber:client' from='romeo@montague.lit/a' to='juliet@capulet.lit/laptop' "
                + "type='chat'>%s</message></forwarded></received></message>";
        assertThat(row(received.formatted("<body>hi</body>"))).isEqualTo(Urgency.CARBON_WITH_BODY);
        assertThat(row(received.formatted("<paused xmlns='http://jabber.org/protocol/chatstates'/>")))
                .isEqualTo(Urgency.CARBON);
        assertThat(row(("<message from='juliet@capulet.lit' to='juliet@capulet.lit/phone' type='chat'>"
                + "<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                + "<message xmlns='jabber:client' to='romeo@montague.lit' type='chat'><body>hi</body></message>"
                + "</forwarded></sent></message>"))).isEqualTo(Urgency.CARBON_WITH_BODY);
    }

    @Test
    void pepFromContactsIsHeldButTheUsersOwnIsNot() {
        String event = "<message from='%s' to='juliet@capulet.lit/phone' type='headline'>"
                + "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='urn:xmpp:bookmarks:1'/>"
                + "</event></message>";
        assertThat(row(event.formatted("romeo@montague.lit"))).isEqualTo(Urgency.PEP);
        assertThat(row(event.formatted("Juliet@capulet.lit"))).isEqualTo(Urgency.OWN_PEP);
    }

    @Test
    void presenceAndIqAndErrors() {
        Outgoing away = OutgoingStanzas.of(StanzaXml.parse("<presence from='romeo@montague.lit/a' "
                + "to='juliet@capulet.lit/phone'><show>away</show></presence>"), "phone");
        assertThat(Urgency.of(away, USER)).isEqualTo(Urgency.PRESENCE_CHANGE);
        assertThat(away.from()).isEqualTo("romeo@montague.lit/a");
        assertThat(row("<presence from='romeo@montague.lit' to='juliet@capulet.lit' type='subscribe'/>"))
                .isEqualTo(Urgency.SUBSCRIPTION);
        assertThat(row("<iq from='capulet.lit' to='juliet@capulet.lit/phone' type='set' id='p'>"
                + "<query xmlns='jabber:iq:roster'/></iq>")).isEqualTo(Urgency.IQ);
        assertThat(row("<message from='romeo@montague.lit' to='juliet@capulet.lit/phone' type='error'>"
                + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"
                + "</message>")).isEqualTo(Urgency.ERROR);
        assertThat(row("<message xmlns='jabber:client' xml:lang='en' to='juliet@capulet.lit' "
                + "from='romeo@montague.lit/r-2' id='held-1' type='normal'><received xmlns='urn:xmpp:receipts' "
                + "id='m1'/></message>")).isEqualTo(Urgency.OTHER_MESSAGE);
        // addressed to another resource's full JID (not this one): not "to this device"
        assertThat(row("<message from='romeo@montague.lit/a' to='juliet@capulet.lit/laptop' type='chat'>"
                + "<received xmlns='urn:xmpp:receipts' id='m1'/></message>")).isEqualTo(Urgency.OTHER_MESSAGE);
    }
}
