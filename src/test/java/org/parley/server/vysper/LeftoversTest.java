package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.MessageStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.streammgmt.UnackedQueue;

/** ADR 0021: what becomes of each kind of unacknowledged stanza when a managed session ends for good. */
class LeftoversTest {

    private static final String DOMAIN = "example.org";
    private static final Instant QUEUED = Instant.parse("2026-12-07T01:02:03Z");
    private static final EntityImpl ROMEO = EntityImpl.parseUnchecked("romeo@example.org/phone");
    private static final EntityImpl JULIET = EntityImpl.parseUnchecked("juliet@example.org/balcony");

    @Test
    @DisplayName("messages and IQ requests are routed again, in order; presence and IQ responses are dropped")
    void kinds() {
        Stanza message = StanzaBuilder.createMessageStanza(ROMEO, JULIET, MessageStanzaType.CHAT, null, "hi").build();
        Stanza get = StanzaBuilder.createIQStanza(ROMEO, JULIET, IQStanzaType.GET, "q1").build();
        Stanza result = StanzaBuilder.createIQStanza(ROMEO, JULIET, IQStanzaType.RESULT, "q2").build();
        Stanza presence = StanzaBuilder.createPresenceStanza(ROMEO, JULIET, null, null, null, null).build();
        List<Stanza> out = Leftovers.toReroute(entries(message, presence, get, result), DOMAIN);
        assertThat(out).extracting(Stanza::getName).containsExactly("message", "iq");
        assertThat(out.get(1)).isSameAs(get);
    }

    @Test
    @DisplayName("XEP-0203: a message gets the delay of when the server first queued it, from the server's domain")
    void messageGetsItsDelay() {
        Stanza message = StanzaBuilder.createMessageStanza(ROMEO, JULIET, MessageStanzaType.CHAT, null, "hi").build();
        Stanza out = Leftovers.toReroute(entries(message), DOMAIN).get(0);
        List<XMLElement> delays = out.getInnerElementsNamed("delay", "urn:xmpp:delay");
        assertThat(delays).hasSize(1);
        assertThat(delays.get(0).getAttributeValue("from")).isEqualTo(DOMAIN);
        assertThat(delays.get(0).getAttributeValue("stamp")).isEqualTo("2026-12-07T01:02:03Z");
    }

    @Test
    @DisplayName("a message that already carries this server's delay (it came from offline storage) keeps that one")
    void oneDelayTheOriginal() {
        Stanza stored = StanzaBuilder.createMessageStanza(ROMEO, JULIET, MessageStanzaType.CHAT, null, "hi")
                .startInnerElement("delay", "urn:xmpp:delay").addAttribute("from", DOMAIN)
                .addAttribute("stamp", "2026-01-01T00:00:00Z").endInnerElement().build();
        Stanza out = Leftovers.toReroute(entries(stored), DOMAIN).get(0);
        assertThat(out).isSameAs(stored);
    }

    private static List<UnackedQueue.Entry<Stanza>> entries(Stanza... stanzas) {
        UnackedQueue<Stanza> queue = new UnackedQueue<>();
        for (Stanza stanza : stanzas) {
            queue.add(stanza, QUEUED);
        }
        return queue.drain();
    }
}
