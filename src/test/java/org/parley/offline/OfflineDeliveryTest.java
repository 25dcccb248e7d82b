package org.parley.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

class OfflineDeliveryTest {

    private static final Instant RECEIVED = Instant.parse("2025-01-02T03:04:05.123456789Z");
    private static final String STAMP = "2025-01-02T03:04:05.123Z";
    private static final String DELAY =
            "<delay xmlns='urn:xmpp:delay' from='example.org' stamp='" + STAMP + "'>Offline Storage</delay>";

    @ParameterizedTest
    @CsvSource({
        "2025-01-02T03:04:05Z,            2025-01-02T03:04:05Z",
        "2025-01-02T03:04:05.100Z,        2025-01-02T03:04:05.100Z",
        "2025-01-02T03:04:05.001Z,        2025-01-02T03:04:05.001Z",
        "2025-01-02T03:04:05.123456789Z,  2025-01-02T03:04:05.123Z",
        "2025-01-02T03:04:05.000999999Z,  2025-01-02T03:04:05Z",
        "2025-12-31T23:59:59.999999999Z,  2025-12-31T23:59:59.999Z",
        "0001-01-01T00:00:00Z,            0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z,            9999-12-31T23:59:59Z",
    })
    @DisplayName("XEP-0082 DateTime: UTC with Z, milliseconds only when not zero, finer digits truncated")
    void delayStamp(String instant, String stamp) {
        assertThat(OfflineDelivery.delayStamp(Instant.parse(instant))).isEqualTo(stamp);
    }

    @Test
    void yearsXep0082CannotWriteAreRefused() {
        assertThatThrownBy(() -> OfflineDelivery.delayStamp(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OfflineDelivery.delayStamp(Instant.parse("-0001-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDelayIsAppendedAsTheLastChildOfTheRoot() {
        String stanza = "<message xmlns='jabber:client' from='romeo@example.net/b' to='alice@example.org' type='chat'>"
                + "<body>hi</body></message>";

        assertThat(OfflineDelivery.withDelay(stanza, "example.org", RECEIVED))
                .isEqualTo(stanza.replace("</message>", DELAY + "</message>"));
    }

    @Test
    void nestedElementsAndEscapedClosingTagsInTextAreLeftAlone() {
        String stanza = "<message xmlns='jabber:client' to='alice@example.org'>"
                + "<body>see &lt;/message&gt; and &lt;message/&gt; &amp; more</body>"
                + "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' to='x@y'>"
                + "<body>inner</body></message></forwarded>"
                + "<x xmlns='urn:example' a='1 &gt; 0' b=\"it's\"><message/></x>"
                + "</message>";

        String delivered = OfflineDelivery.withDelay(stanza, "example.org", RECEIVED);

        assertThat(delivered).isEqualTo(stanza.substring(0, stanza.length() - "</message>".length()) + DELAY
                + "</message>");
        assertLastChildIsTheDelay(delivered, 4);
    }

    @Test
    void aSelfClosingRootIsOpenedUp() {
        String stanza = "<message xmlns='jabber:client' to='alice@example.org' id='a/b>c'/>";

        String delivered = OfflineDelivery.withDelay(stanza, "example.org", RECEIVED);

        assertThat(delivered).isEqualTo("<message xmlns='jabber:client' to='alice@example.org' id='a/b>c'>" + DELAY
                + "</message>");
        assertLastChildIsTheDelay(delivered, 1);
    }

    @Test
    void aSelfClosingRootWithoutAttributes() {
        assertThat(OfflineDelivery.withDelay("<message/>", "example.org", RECEIVED))
                .isEqualTo("<message>" + DELAY + "</message>");
    }

    @Test
    void aRootAttributeValueMayHoldAGreaterThanSign() {
        String stanza = "<message id='x>y' to=\"a@b\"><body>b</body></message>";

        assertThat(OfflineDelivery.withDelay(stanza, "example.org", RECEIVED))
                .isEqualTo("<message id='x>y' to=\"a@b\"><body>b</body>" + DELAY + "</message>");
    }

    @Test
    void whitespaceAroundAndInsideTheEndTagAndALeadingDeclarationAreKept() {
        String stanza = "<?xml version='1.0'?>\n<!-- stored --><message>\n  <body>b</body>\n</message >\n";

        assertThat(OfflineDelivery.withDelay(stanza, "example.org", RECEIVED))
                .isEqualTo("<?xml version='1.0'?>\n<!-- stored --><message>\n  <body>b</body>\n" + DELAY
                        + "</message >\n");
    }

    @Test
    void aPrefixedRootKeepsItsPrefix() {
        String stanza = "<c:message xmlns:c='jabber:client'><c:body>b</c:body></c:message>";

        assertThat(OfflineDelivery.withDelay(stanza, "example.org", RECEIVED))
                .isEqualTo("<c:message xmlns:c='jabber:client'><c:body>b</c:body>" + DELAY + "</c:message>");
        assertThat(OfflineDelivery.withDelay("<c:message xmlns:c='jabber:client'/>", "example.org", RECEIVED))
                .isEqualTo("<c:message xmlns:c='jabber:client'>" + DELAY + "</c:message>");
    }

    @Test
    void nonAsciiContentIsUntouched() {
        String stanza = "<message><body>Grüße 😀 例え</body></message>";

        assertThat(OfflineDelivery.withDelay(stanza, "例え.jp", RECEIVED))
                .isEqualTo("<message><body>Grüße 😀 例え</body><delay xmlns='urn:xmpp:delay' from='例え.jp' stamp='"
                        + STAMP + "'>Offline Storage</delay></message>");
    }

    @Test
    void theDomainIsEscapedInTheAttribute() {
        assertThat(OfflineDelivery.delayElement("a'b&c<d\"", RECEIVED))
                .contains("from='a&apos;b&amp;c&lt;d&quot;'");
    }

    @Test
    void textThatIsNotAMessageStanzaIsRefused() {
        for (String bad : new String[] {
            "", "   ", "hello", "<presence/>", "<messages/>", "<message>", "<message><body>b</body></message>trailer",
            "<message><body>b</body></message><!-- after -->", "<message><body>b</body></presence>",
            "<message id='unterminated", "<?xml version='1.0'", "<message><body>b</body></messagex>",
        }) {
            assertThatThrownBy(() -> OfflineDelivery.withDelay(bad, "example.org", RECEIVED))
                    .as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a stored message stanza");
        }
    }

    /** Parses the result as real XML: it must be well-formed with the delay as the root's last element child. */
    private static void assertLastChildIsTheDelay(String xml, int elementChildren) {
        Element root = parse(xml);
        int elements = 0;
        Element last = null;
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                elements++;
                last = element;
            }
        }
        assertThat(elements).isEqualTo(elementChildren);
        assertThat(last).isNotNull();
        assertThat(last.getNamespaceURI()).isEqualTo("urn:xmpp:delay");
        assertThat(last.getLocalName()).isEqualTo("delay");
        assertThat(last.getAttribute("stamp")).isEqualTo(STAMP);
        assertThat(last.getAttribute("from")).isEqualTo("example.org");
        assertThat(last.getTextContent()).isEqualTo("Offline Storage");
        assertThat(root.getLastChild()).isSameAs(last);
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not well-formed: " + xml, e);
        }
    }
}
