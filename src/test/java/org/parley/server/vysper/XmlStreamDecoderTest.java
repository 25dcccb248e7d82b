package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.vysper.DecoderRun.OPEN;

import java.util.List;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.junit.jupiter.api.Test;

/** The stream-level events of {@link XmlStreamDecoder}: header, stanzas, keepalives, end, restarts, size. */
class XmlStreamDecoderTest {

    private static List<String> names(DecoderRun run) {
        return run.out.stream().map(o -> o instanceof Stanza s ? s.getName()
                : o instanceof XMLText t ? "text[" + t.getText() + "]" : String.valueOf(o)).toList();
    }

    @Test
    void streamHeaderThenStanzasThenClose() {
        DecoderRun run = new DecoderRun().feed(OPEN);
        assertThat(names(run)).containsExactly("stream");
        Stanza header = run.last();
        assertThat(header.getNamespaceURI()).isEqualTo("http://etherx.jabber.org/streams");
        assertThat(header.getNamespacePrefix()).isEqualTo("stream");
        assertThat(header.getAttributeValue("to")).isEqualTo("parley.test");
        assertThat(header.getAttributeValue("version")).isEqualTo("1.0");
        assertThat(header.getXMLLang()).isEqualTo("en");
        assertThat(header.getVerifier().namespacePresent("jabber:client")).isTrue();
        run.feed("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        run.feed("<message to='a@b'><body>hi</body></message>");
        run.feed("</stream:stream>");
        assertThat(names(run)).containsExactly("stream", "starttls", "message", "INSTANCE");
    }

    @Test
    void whitespaceBetweenStanzasIsAKeepalive() {
        DecoderRun run = new DecoderRun().feed(OPEN).feed(" ").feed("<presence/>\n");
        assertThat(names(run)).containsExactly("stream", "text[ ]", "presence", "text[\n]");
        assertThat(run.violation()).isNull();
    }

    @Test
    void restartAfterTlsAndAfterAuthenticationStartsANewDocument() {
        DecoderRun run = new DecoderRun().feed(OPEN + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        run.restart(false);
        run.feed(OPEN + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGEAYg==</auth>");
        run.restart(true);
        // a keepalive the client sent before it read <success/> may come first
        run.feed(" \n");
        run.feed(OPEN + "<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        assertThat(names(run)).containsExactly("stream", "starttls", "stream", "auth", "stream", "iq");
        assertThat(run.violation()).isNull();
    }

    @Test
    void aStreamHeaderNobodyAskedForIsNotARestart() {
        DecoderRun run = new DecoderRun().feed(OPEN).feed(OPEN);
        assertThat(run.condition()).isEqualTo("not-well-formed");
        // without an XML declaration it would otherwise read as a stanza that never ends
        DecoderRun bare = new DecoderRun().feed(OPEN).feed(OPEN.substring(OPEN.indexOf("<stream:stream")));
        assertThat(bare.condition()).isEqualTo("not-well-formed");
    }

    @Test
    void stanzaSplitAcrossReads() throws Exception {
        DecoderRun run = new DecoderRun().feed(OPEN + "<message to='a@b'><bo").feed("dy>h\u00e9llo</body></mess")
                .feed("age>");
        assertThat(names(run)).containsExactly("stream", "message");
        assertThat(run.last().getInnerElementsNamed("body").get(0).getSingleInnerText().getText())
                .isEqualTo("h\u00e9llo");
    }

    @Test
    void aStanzaOverTheLimitStopsDecodingEvenWhenItArrivesInPieces() {
        DecoderRun run = new DecoderRun(new StreamLimits(DecoderRun.DOMAIN, 4096, 32, 64, 1 << 20)).feed(OPEN)
                .feed("<message to='a@b'><body>");
        for (int i = 0; i < 10; i++) {
            run.feed("x".repeat(1000));
        }
        assertThat(run.condition()).isEqualTo("policy-violation");
        assertThat(names(run)).containsExactly("stream", "StreamViolation[condition=policy-violation, "
                + "text=stanza too large]");
    }

    @Test
    void manySmallStanzasAddUpToMoreThanTheLimitWithoutHarm() {
        DecoderRun run = new DecoderRun(new StreamLimits(DecoderRun.DOMAIN, 4096, 32, 64, 1 << 20)).feed(OPEN);
        String stanza = "<message to='a@b'><body>" + "y".repeat(500) + "</body></message>";
        for (int i = 0; i < 100; i++) {
            run.feed(stanza);
        }
        assertThat(run.out).hasSize(101);
        assertThat(run.violation()).isNull();
    }

    @Test
    void textWithoutAnyMarkupCountsToo() {
        DecoderRun run = new DecoderRun(new StreamLimits(DecoderRun.DOMAIN, 4096, 32, 64, 1 << 20));
        for (int i = 0; i < 10; i++) {
            run.feed("GET / HTTP/1.1 " + "z".repeat(1000));
        }
        assertThat(run.condition()).isIn("not-well-formed", "policy-violation");
    }

    @Test
    void nothingIsEmittedAfterAViolation() {
        DecoderRun run = new DecoderRun().feed(OPEN + "<presence/><!-- hi --><message/>").feed("<presence/>");
        assertThat(names(run)).containsExactly("stream", "presence",
                "StreamViolation[condition=restricted-xml, text=no comments allowed]");
    }
}
