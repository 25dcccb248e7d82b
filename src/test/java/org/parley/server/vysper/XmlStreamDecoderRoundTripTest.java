package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.vysper.DecoderRun.OPEN;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.vysper.xml.fragment.Renderer;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.junit.jupiter.api.Test;

/**
 * What a client writes is what a handler reads, and what the server writes on reads back the same: text of every
 * XML character class, entities, character references, CDATA, namespaces and prefixes, and characters split across
 * reads. Several are the nbxml defects of issue #4.
 */
class XmlStreamDecoderRoundTripTest {

    /** One code point of each range of XML 1.0 §2.2 Char, with the edges, tab, line feed and markup characters. */
    private static final String EVERY_CLASS = "\t\n !\"#'()*+,-./09:;=?@AZ[\\]^_`az{|}~\u007f\u0080\u00a0\u00ff"
            + "\u0100\u07ff\u0800\u4e2d\ud7ff\ue000\ufffd\ud800\udc00\ud83d\ude00\udbff\udfff";

    private static Stanza decodeOne(String stanzaXml) {
        DecoderRun run = new DecoderRun().feed(OPEN + stanzaXml);
        assertThat(run.violation()).as("violation").isNull();
        assertThat(run.stanzas()).hasSize(2);
        return run.last();
    }

    private static String body(Stanza stanza) throws Exception {
        XMLElement body = stanza.getInnerElementsNamed("body").get(0);
        assertThat(body.getInnerFragments()).as("one text node").hasSize(1);
        return body.getSingleInnerText().getText();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Test
    void everyCharacterClassSurvivesTheRoundTrip() throws Exception {
        Stanza first = decodeOne("<message to='a@b'><body>" + escape(EVERY_CLASS) + "</body></message>");
        assertThat(body(first)).isEqualTo(EVERY_CLASS);
        // what the server writes to the recipient reads back the same
        Stanza again = decodeOne(new Renderer(first).getComplete());
        assertThat(body(again)).isEqualTo(EVERY_CLASS);
        assertThat(new Renderer(again).getComplete()).isEqualTo(new Renderer(first).getComplete());
    }

    @Test
    void escapedMarkupIsUnescapedOnce() throws Exception {
        // nbxml turned &amp;lt; into '<'
        assertThat(body(decodeOne("<message><body>&amp;lt; &amp;amp; &lt;b&gt; &quot;&apos;</body></message>")))
                .isEqualTo("&lt; &amp; <b> \"'");
    }

    @Test
    void adjacentCharacterReferences() throws Exception {
        // nbxml closed the sender's stream on this
        assertThat(body(decodeOne("<message><body>&#65;&#66;&#x43;&#x1F600;x</body></message>")))
                .isEqualTo("ABC\ud83d\ude00x");
    }

    @Test
    void cdataTextAndReferencesBecomeOneTextNode() throws Exception {
        // nbxml refused CDATA
        assertThat(body(decodeOne("<message><body>a<![CDATA[<b>&amp;]]>c&#100;<![CDATA[]]>e</body></message>")))
                .isEqualTo("a<b>&amp;cde");
    }

    @Test
    void namespacesPrefixesAndAttributes() throws Exception {
        Stanza stanza = decodeOne("<message to='a@b' xml:lang='de' id='&lt;&amp;&quot;&apos;&#x1F600;'>"
                + "<x:foo xmlns:x='urn:x' x:attr='v' plain='p'><x:bar/><baz xmlns='urn:y'/></x:foo>"
                + "<body>b</body></message>");
        assertThat(stanza.getNamespaceURI()).isEqualTo("jabber:client");
        assertThat(stanza.getXMLLang()).isEqualTo("de");
        assertThat(stanza.getAttributeValue("id")).isEqualTo("<&\"'\ud83d\ude00");
        XMLElement foo = (XMLElement) stanza.getInnerFragments().get(0);
        assertThat(foo.getNamespaceURI()).isEqualTo("urn:x");
        assertThat(foo.getNamespacePrefix()).isEqualTo("x");
        assertThat(foo.getDeclaredNamespaces()).containsEntry("x", "urn:x");
        assertThat(foo.getAttributeValue("plain")).isEqualTo("p");
        assertThat(foo.getAttributes()).anySatisfy(a -> {
            assertThat(a.getNamespaceUri()).isEqualTo("urn:x");
            assertThat(a.getName()).isEqualTo("attr");
        });
        XMLElement bar = (XMLElement) foo.getInnerFragments().get(0);
        assertThat(bar.getNamespaceURI()).isEqualTo("urn:x");
        XMLElement baz = (XMLElement) foo.getInnerFragments().get(1);
        assertThat(baz.getNamespaceURI()).isEqualTo("urn:y");
        assertThat(stanza.getInnerElementsNamed("body").get(0).getNamespaceURI()).isEqualTo("jabber:client");
        Stanza again = decodeOne(new Renderer(stanza).getComplete());
        assertThat(new Renderer(again).getComplete()).isEqualTo(new Renderer(stanza).getComplete());
    }

    @Test
    void nonBmpCharactersSplitAtEveryByteBoundary() throws Exception {
        String text = "a\ud83d\ude00\u00e9\u4e2d\udbff\udfffz";
        String attribute = "\ud83d\ude00\u00e9\u4e2d";
        byte[] head = OPEN.getBytes(StandardCharsets.UTF_8);
        byte[] stanza = ("<message id='" + attribute + "'><body>" + text + "</body></message>")
                .getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= stanza.length; split++) {
            DecoderRun run = new DecoderRun().feed(head).feed(Arrays.copyOfRange(stanza, 0, split))
                    .feed(Arrays.copyOfRange(stanza, split, stanza.length));
            assertThat(run.violation()).as("split at %d", split).isNull();
            assertThat(body(run.last())).as("split at %d", split).isEqualTo(text);
            assertThat(run.last().getAttributeValue("id")).as("attribute split at %d", split).isEqualTo(attribute);
        }
        DecoderRun byteByByte = new DecoderRun().feed(head);
        for (byte b : stanza) {
            byteByByte.feed(new byte[] {b});
        }
        assertThat(body(byteByByte.last())).isEqualTo(text);
    }

    @Test
    void whitespaceInsideAStanzaIsKeptAsText() throws Exception {
        Stanza stanza = decodeOne("<message>\n  <body> x </body>\n</message>");
        assertThat(stanza.getInnerFragments()).hasSize(3);
        XMLFragment first = stanza.getInnerFragments().get(0);
        assertThat(first).isInstanceOf(XMLText.class);
        assertThat(body(stanza)).isEqualTo(" x ");
    }

    @Test
    void streamRestartKeepsDecodingAcrossTheSameBytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes((OPEN + "<presence/>").getBytes(StandardCharsets.UTF_8));
        DecoderRun run = new DecoderRun().feed(all.toByteArray());
        run.restart(false);
        run.feed(OPEN + "<presence/>");
        assertThat(run.stanzas()).extracting(Stanza::getName).containsExactly("stream", "presence", "stream",
                "presence");
    }

    @Test
    void aPrefixDeclaredOnTheStreamHeaderTravelsWithTheStanza() {
        DecoderRun run = new DecoderRun().feed("<stream:stream xmlns='jabber:client' xmlns:p='urn:p' "
                + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'><message p:a='1'><p:x/></message>");
        String rendered = new Renderer(run.last()).getComplete();
        assertThat(rendered).contains("xmlns:p=\"urn:p\"").contains("p:a=\"1\"").contains("<p:x");
        assertThat(new DecoderRun().feed(OPEN + rendered).violation()).isNull();
    }
}
