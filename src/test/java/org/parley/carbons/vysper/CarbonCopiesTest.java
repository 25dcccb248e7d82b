package org.parley.carbons.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.carbons.CarbonRules;
import org.parley.carbons.MessageFacts;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.StanzaXml;

/** XEP-0280 §7, §8, §9 and XEP-0297: what a copy looks like on the wire, and the facts read off a message. */
class CarbonCopiesTest {

    private static final BareJid ROMEO = BareJid.parse("romeo@montague.example");

    private static Stanza parse(String xml) {
        return StanzaXml.parse(xml);
    }

    @Test
    @DisplayName("§7: a <received/> copy comes from the bare JID, to the resource, same type, original forwarded")
    void receivedCopy() {
        Stanza original = parse("<message xmlns='jabber:client' from='juliet@capulet.example/balcony'"
                + " to='romeo@montague.example/garden' type='chat' id='m1'><body>What man art thou?</body>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='A1' by='romeo@montague.example'/></message>");
        Stanza copy = CarbonCopies.received(original, ROMEO, "home");

        Stanza read = parse(StanzaXml.render(copy));
        assertThat(read.getAttributeValue("from")).isEqualTo("romeo@montague.example");
        assertThat(read.getAttributeValue("to")).isEqualTo("romeo@montague.example/home");
        assertThat(read.getAttributeValue("type")).isEqualTo("chat");
        var received = read.getInnerElementsNamed("received", CarbonRules.NAMESPACE);
        assertThat(received).hasSize(1);
        var forwarded = received.get(0).getInnerElementsNamed("forwarded", CarbonRules.FORWARD);
        assertThat(forwarded).hasSize(1);
        var inner = forwarded.get(0).getInnerElementsNamed("message", "jabber:client");
        assertThat(inner).as("the forwarded message is in jabber:client").hasSize(1);
        assertThat(inner.get(0).getAttributeValue("from")).isEqualTo("juliet@capulet.example/balcony");
        assertThat(inner.get(0).getAttributeValue("id")).isEqualTo("m1");
        assertThat(StanzaXml.render(copy)).contains("What man art thou?").contains("urn:xmpp:sid:0");
    }

    @Test
    @DisplayName("§8: a <sent/> copy carries the sender's full JID as the original's 'from', even when unstamped")
    void sentCopy() {
        Stanza original = parse("<message xmlns='jabber:client' to='juliet@capulet.example/balcony'"
                + " id='m2'><body>Neither, fair saint</body></message>");
        Stanza copy = CarbonCopies.sent(original, EntityImpl.parseUnchecked("romeo@montague.example/home"), ROMEO,
                "garden");

        Stanza read = parse(StanzaXml.render(copy));
        assertThat(read.getAttributeValue("type")).as("no type in, no type out").isNull();
        assertThat(read.getAttributeValue("to")).isEqualTo("romeo@montague.example/garden");
        var inner = read.getInnerElementsNamed("sent", CarbonRules.NAMESPACE).get(0)
                .getInnerElementsNamed("forwarded", CarbonRules.FORWARD).get(0)
                .getInnerElementsNamed("message", "jabber:client").get(0);
        assertThat(inner.getAttributeValue("from")).isEqualTo("romeo@montague.example/home");
        assertThat(inner.getAttributeValue("to")).isEqualTo("juliet@capulet.example/balcony");
        assertThat(original.getAttributeValue("from")).as("the original is not changed").isNull();
    }

    @Test
    @DisplayName("§9: <private/> is removed before delivery, everything else kept; none: nothing to do")
    void withoutPrivate() {
        Stanza original = parse("<message xmlns='jabber:client' from='romeo@montague.example/home'"
                + " to='juliet@capulet.example/home' type='chat'><body>hush</body>"
                + "<private xmlns='urn:xmpp:carbons:2'/></message>");
        Stanza stripped = CarbonCopies.withoutPrivate(original);
        assertThat(stripped).isNotNull();
        assertThat(StanzaXml.render(stripped)).contains("hush").doesNotContain("private");
        assertThat(stripped.getAttributeValue("type")).isEqualTo("chat");
        assertThat(CarbonCopies.withoutPrivate(stripped)).isNull();
    }

    @Test
    @DisplayName("facts: body, child elements, a mediated invitation, and whether 'from' is a client")
    void facts() {
        Stanza pep = parse("<message xmlns='jabber:client' from='juliet@capulet.example' type='headline'>"
                + "<event xmlns='http://jabber.org/protocol/pubsub#event'/></message>");
        MessageFacts f = CarbonCopies.facts(pep, MessageFacts.Direction.RECEIVED, false);
        assertThat(f.fromClient()).isFalse();
        assertThat(f.body()).isFalse();
        assertThat(f.elements()).containsExactly("{http://jabber.org/protocol/pubsub#event}event");

        Stanza invite = parse("<message xmlns='jabber:client' from='room@muc.example/nick' to='romeo@montague.example'>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'><invite from='juliet@capulet.example'/></x>"
                + "<body>join us</body></message>");
        MessageFacts g = CarbonCopies.facts(invite, MessageFacts.Direction.RECEIVED, false);
        assertThat(g.body()).isTrue();
        assertThat(g.fromClient()).isTrue();
        assertThat(g.elements()).contains(CarbonRules.MUC_USER_X, CarbonRules.MUC_INVITE);

        Stanza unstamped = parse("<message xmlns='jabber:client' to='juliet@capulet.example'><body>x</body></message>");
        assertThat(CarbonCopies.facts(unstamped, MessageFacts.Direction.SENT, false).fromClient()).isTrue();
    }
}
