package org.parley.xmpp.vysper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLSemanticError;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.stanza.MessageStanza;
import org.apache.vysper.xmpp.stanza.MessageStanzaType;
import org.apache.vysper.xmpp.stanza.PresenceStanza;
import org.apache.vysper.xmpp.stanza.PresenceStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.stanza.XMPPCoreStanza;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StanzaXmlTest {

    private static final String NICK = "http://jabber.org/protocol/nick";
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, a surrogate pair in Java

    /** A pending subscription request as a client sends it: status, nick and an extension we do not know. */
    private static final String SUBSCRIBE = "<presence xmlns='jabber:client' from='romeo@example.net/orchard'"
            + " to='juliet@example.com' type='subscribe' id='s1'>"
            + "<status>Hi, I'm Romeo</status>"
            + "<nick xmlns='http://jabber.org/protocol/nick'>Romeo</nick>"
            + "<x xmlns='urn:example:unknown' level='3'><y>deep</y></x>"
            + "</presence>";

    /** Render, parse, render: the second text must equal the first. */
    private static Stanza roundTrip(Stanza stanza) {
        String rendered = StanzaXml.render(stanza);
        Stanza parsed = StanzaXml.parse(rendered);
        assertThat(StanzaXml.render(parsed)).isEqualTo(rendered);
        return parsed;
    }

    private static String text(XMLElement element) {
        XMLText text = element.getInnerText();
        return text == null ? null : text.getText();
    }

    @Test
    @DisplayName("a built stanza survives render → parse: same text, same tree")
    void builtStanzaRoundTrips() {
        Stanza built = StanzaBuilder.createPresenceStanza(EntityImpl.parseUnchecked("romeo@example.net/orchard"),
                        EntityImpl.parseUnchecked("juliet@example.com"), "en", PresenceStanzaType.SUBSCRIBE, null,
                        "Hi")
                .startInnerElement("nick", NICK).addText("Romeo").endInnerElement()
                .startInnerElement("x", "urn:example:unknown").addAttribute("level", "3")
                .startInnerElement("y", "urn:example:unknown").endInnerElement().endInnerElement()
                .build();
        Stanza parsed = roundTrip(built);
        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.getNamespaceURI()).isEqualTo(NamespaceURIs.JABBER_CLIENT);
        assertThat(parsed.getInnerElementsNamed("nick", NICK)).hasSize(1);
    }

    @Test
    @DisplayName("& < > and quotes are escaped in text and attributes, and come back as the same characters")
    void escapes() {
        String nasty = "a & b < c > d \"q\" 'a' &lt; ]]>";
        Stanza built = new StanzaBuilder("message", NamespaceURIs.JABBER_CLIENT).addAttribute("id", nasty)
                .startInnerElement("body", NamespaceURIs.JABBER_CLIENT).addText(nasty).endInnerElement().build();
        String rendered = StanzaXml.render(built);
        assertThat(rendered)
                .contains("id=\"a &amp; b &lt; c &gt; d &quot;q&quot; 'a' &amp;lt; ]]&gt;\"")
                .contains("<body>a &amp; b &lt; c &gt; d \"q\" 'a' &amp;lt; ]]&gt;</body>");
        Stanza parsed = roundTrip(built);
        assertThat(parsed.getAttributeValue("id")).isEqualTo(nasty);
        assertThat(text(parsed.getFirstInnerElement())).isEqualTo(nasty);
    }

    @Test
    @DisplayName("&amp;lt; is the literal text &lt;, not '<' (Vysper's nbxml reader unescapes it twice)")
    void escapedEntityStaysLiteral() {
        Stanza parsed = StanzaXml.parse("<message><body>x&amp;lt;y</body></message>");
        assertThat(text(parsed.getFirstInnerElement())).isEqualTo("x&lt;y");
        assertThat(StanzaXml.render(parsed)).contains("<body>x&amp;lt;y</body>");
    }

    @Test
    @DisplayName("text, CDATA, character references and comments between two tags make one text node")
    void characterDataIsOneText() throws XMLSemanticError {
        Stanza parsed = StanzaXml.parse("<message><body>&#65;&#66;<![CDATA[<b>bold</b> & co]]>&#x1F600;"
                + "<!-- dropped -->end</body></message>");
        XMLElement body = parsed.getFirstInnerElement();
        assertThat(body.getInnerFragments()).hasSize(1);
        assertThat(new MessageStanza(parsed).getBody(null)).isEqualTo("AB<b>bold</b> & co" + EMOJI + "end");
        roundTrip(parsed);
    }

    @Test
    @DisplayName("supplementary characters (emoji) pass through raw in text and attributes")
    void nonBmp() {
        Stanza built = new StanzaBuilder("message", NamespaceURIs.JABBER_CLIENT).addAttribute("id", EMOJI)
                .startInnerElement("body", NamespaceURIs.JABBER_CLIENT).addText("hi " + EMOJI + "\uD834\uDD1E")
                .endInnerElement().build();
        assertThat(StanzaXml.render(built)).contains("id=\"" + EMOJI + "\"").contains("hi " + EMOJI + "\uD834\uDD1E");
        Stanza parsed = roundTrip(built);
        assertThat(parsed.getAttributeValue("id")).isEqualTo(EMOJI);
        assertThat(text(parsed.getFirstInnerElement())).isEqualTo("hi " + EMOJI + "\uD834\uDD1E");
    }

    @Test
    @DisplayName("namespaces and prefixes are kept where they were written")
    void namespacesAndPrefixes() {
        Stanza parsed = StanzaXml.parse("<message xmlns='jabber:client' xmlns:x='urn:example:x' to='a@b'>"
                + "<x:data x:kind='k' xml:lang='en'><x:item/><plain/></x:data>"
                + "<body xml:lang='de'>hallo</body></message>");
        assertThat(parsed.getNamespaceURI()).isEqualTo(NamespaceURIs.JABBER_CLIENT);
        assertThat(parsed.getNamespacePrefix()).isEmpty();
        assertThat(parsed.getDeclaredNamespaces()).containsEntry("x", "urn:example:x");

        XMLElement data = parsed.getInnerElementsNamed("data", "urn:example:x").get(0);
        assertThat(data.getNamespacePrefix()).isEqualTo("x");
        assertThat(data.getAttributeValue("urn:example:x", "kind")).isEqualTo("k");
        assertThat(data.getXMLLang()).isEqualTo("en");
        assertThat(data.getInnerElementsNamed("item", "urn:example:x")).hasSize(1);
        // an unprefixed child of a prefixed element is in the default namespace, not the prefix's
        assertThat(data.getInnerElementsNamed("plain", NamespaceURIs.JABBER_CLIENT)).hasSize(1);
        assertThat(parsed.getInnerElementsNamed("body", NamespaceURIs.JABBER_CLIENT).get(0).getXMLLang())
                .isEqualTo("de");

        String rendered = StanzaXml.render(parsed);
        assertThat(rendered).contains("<x:data x:kind=\"k\" xml:lang=\"en\"><x:item></x:item><plain></plain>");
        roundTrip(parsed);
    }

    @Test
    @DisplayName("nested extensions keep their own namespaces; unprefixed descendants inherit the nearest")
    void nestedExtensions() {
        Stanza parsed = StanzaXml.parse("<message from='pubsub.example.com' to='a@b'>"
                + "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='n'><item id='1'>"
                + "<entry xmlns='http://www.w3.org/2005/Atom'><title>t</title></entry>"
                + "</item></items></event><body>b</body></message>");
        XMLElement event = parsed.getFirstInnerElement();
        XMLElement item = event.getFirstInnerElement().getFirstInnerElement();
        XMLElement entry = item.getFirstInnerElement();
        assertThat(item.getNamespaceURI()).isEqualTo("http://jabber.org/protocol/pubsub#event");
        assertThat(entry.getFirstInnerElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(parsed.getInnerElementsNamed("body", NamespaceURIs.JABBER_CLIENT)).hasSize(1);
        roundTrip(parsed);
    }

    @Test
    @DisplayName("an element with xmlns='' below the root stays in no namespace")
    void undeclaredDefaultNamespace() {
        Stanza parsed = StanzaXml.parse("<message><x xmlns='urn:example:x'><y xmlns=''><z/></y></x></message>");
        XMLElement y = parsed.getFirstInnerElement().getFirstInnerElement();
        assertThat(y.getNamespaceURI()).isEmpty();
        assertThat(y.getFirstInnerElement().getNamespaceURI()).isEmpty();
        roundTrip(parsed);
    }

    @Test
    @DisplayName("empty elements have no children, not an empty text")
    void emptyElements() {
        Stanza parsed = StanzaXml.parse("<presence><x xmlns='vcard-temp:x:update'><photo/></x><c></c></presence>");
        assertThat(parsed.getInnerElements()).hasSize(2);
        assertThat(parsed.getFirstInnerElement().getFirstInnerElement().getInnerFragments()).isEmpty();
        assertThat(parsed.getInnerElements().get(1).getInnerFragments()).isEmpty();
        assertThat(StanzaXml.render(StanzaXml.parse("<presence/>")))
                .isEqualTo("<presence xmlns=\"jabber:client\"></presence>");
        roundTrip(parsed);
    }

    @Test
    @DisplayName("whitespace text is kept, between elements and inside them")
    void whitespace() {
        Stanza parsed = StanzaXml.parse("<message>\n  <body>  two  spaces\n</body>\n</message>");
        assertThat(parsed.getInnerFragments()).hasSize(3);
        assertThat(parsed.getInnerTexts()).extracting(XMLText::getText).containsExactly("\n  ", "\n");
        assertThat(text(parsed.getFirstInnerElement())).isEqualTo("  two  spaces\n");
        roundTrip(parsed);
    }

    @Test
    @DisplayName("Vysper renders tab and line feed in attributes literally, so they come back as spaces")
    void attributeWhitespaceIsNormalised() {
        Stanza built = new StanzaBuilder("message", NamespaceURIs.JABBER_CLIENT).addAttribute("id", "a\tb\nc")
                .build();
        // pinned: if this changes, Vysper's renderer (or ours) started writing &#9; and &#10;
        assertThat(StanzaXml.parse(StanzaXml.render(built)).getAttributeValue("id")).isEqualTo("a b c");
    }

    @Test
    @DisplayName("a stored subscribe works with Vysper's presence API (RFC 6121 §3.1.3)")
    void presenceApi() throws XMLSemanticError {
        Stanza parsed = StanzaXml.parse(SUBSCRIBE);
        assertThat(PresenceStanza.isOfType(parsed)).isTrue();
        assertThat(XMPPCoreStanza.getWrapper(parsed)).isInstanceOf(PresenceStanza.class);
        PresenceStanza presence = new PresenceStanza(parsed);
        assertThat(presence.getPresenceType()).isEqualTo(PresenceStanzaType.SUBSCRIBE);
        assertThat(presence.getStatus(null)).isEqualTo("Hi, I'm Romeo");
        assertThat(presence.getID()).isEqualTo("s1");
        assertThat(presence.getFrom()).isEqualTo(EntityImpl.parseUnchecked("romeo@example.net/orchard"));
        assertThat(presence.getTo()).isEqualTo(EntityImpl.parseUnchecked("juliet@example.com"));
        assertThat(text(presence.getSingleInnerElementsNamed("nick", NICK))).isEqualTo("Romeo");
        assertThat(parsed.getInnerElementsNamed("x", "urn:example:unknown").get(0).getAttributeValue("level"))
                .isEqualTo("3");
        // the wrapper keeps the tree (it drops only the root's declarations, which the renderer re-derives)
        assertThat(StanzaXml.render(presence)).isEqualTo(StanzaXml.render(parsed));
        roundTrip(parsed);
    }

    @Test
    @DisplayName("an offline message works with Vysper's message API")
    void messageApi() throws XMLSemanticError {
        Stanza parsed = StanzaXml.parse("<message xmlns='jabber:client' from='romeo@example.net/orchard'"
                + " to='juliet@example.com' type='chat' id='m1' xml:lang='en'><body>Art thou not Romeo?</body>"
                + "<body xml:lang='de'>Bist du nicht Romeo?</body><thread>t1</thread>"
                + "<delay xmlns='urn:xmpp:delay' from='example.com' stamp='2002-09-10T23:08:25Z'/></message>");
        assertThat(XMPPCoreStanza.getWrapper(parsed)).isInstanceOf(MessageStanza.class);
        MessageStanza message = new MessageStanza(parsed);
        assertThat(message.getMessageType()).isEqualTo(MessageStanzaType.CHAT);
        assertThat(message.getXMLLang()).isEqualTo("en");
        assertThat(message.getBody("de")).isEqualTo("Bist du nicht Romeo?");
        assertThat(message.getBodies()).hasSize(2);
        assertThat(message.getThread()).isEqualTo("t1");
        assertThat(message.getInnerElementsNamed("delay", "urn:xmpp:delay").get(0).getAttributeValue("stamp"))
                .isEqualTo("2002-09-10T23:08:25Z");
    }

    @Test
    @DisplayName("a prefix declared on the root still renders after a Vysper wrapper dropped the declaration")
    void wrapperKeepsPrefixedChildrenRenderable() {
        Stanza parsed = StanzaXml.parse("<message xmlns:x='urn:example:x'><x:a><x:b/></x:a></message>");
        Stanza reparsed = StanzaXml.parse(StanzaXml.render(new MessageStanza(parsed)));
        assertThat(StanzaXml.render(reparsed)).isEqualTo(StanzaXml.render(StanzaXml.parse(
                "<message><x:a xmlns:x='urn:example:x'><x:b/></x:a></message>")));
    }

    @Test
    @DisplayName("the root is jabber:client: unqualified is read so, jabber:server is re-scoped (RFC 6120 §4.8.3)")
    void rootNamespace() {
        Stanza unqualified = StanzaXml.parse("<message><body>b</body></message>");
        assertThat(unqualified.getNamespaceURI()).isEqualTo(NamespaceURIs.JABBER_CLIENT);
        assertThat(unqualified.getFirstInnerElement().getNamespaceURI()).isEqualTo(NamespaceURIs.JABBER_CLIENT);
        assertThat(StanzaXml.parse("<message xmlns=''/>").getNamespaceURI()).isEqualTo(NamespaceURIs.JABBER_CLIENT);

        Stanza server = StanzaXml.parse("<message xmlns='jabber:server'><body>b</body>"
                + "<x xmlns='urn:example:x'/></message>");
        assertThat(StanzaXml.render(server)).isEqualTo("<message xmlns=\"jabber:client\"><body>b</body>"
                + "<x xmlns=\"urn:example:x\"></x></message>");
    }

    @Test
    @DisplayName("render refuses characters XML 1.0 cannot carry, which Vysper's reader lets in")
    void renderRefusesNonXmlCharacters() {
        Stanza control = new StanzaBuilder("message", NamespaceURIs.JABBER_CLIENT)
                .startInnerElement("body", NamespaceURIs.JABBER_CLIENT).addText("a\u0001b").endInnerElement().build();
        assertThatThrownBy(() -> StanzaXml.render(control)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0001");
        Stanza loneSurrogate = new StanzaBuilder("message", NamespaceURIs.JABBER_CLIENT)
                .addAttribute("id", "\uD83D").build();
        assertThatThrownBy(() -> StanzaXml.render(loneSurrogate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+D83D");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<!DOCTYPE message><message/>",
        "<!DOCTYPE message [<!ENTITY e 'x'>]><message/>",
        "<!DOCTYPE message [<!ENTITY e 'x'>]><message>&e;</message>",
        "<!DOCTYPE message [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><message>&e;</message>",
        "<!DOCTYPE message [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><message>&b;</message>",
    })
    @DisplayName("refused: any DTD, even one that defines nothing the stanza uses (the parser would skip it)")
    void rejectsDtds(String xml) {
        assertThatThrownBy(() -> StanzaXml.parse(xml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DTD");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<message>&nbsp;</message>",
        "<message/><message/>",
        "<message/>trailing",
        "garbage",
        "",
        "   ",
        "<message>",
        "<message></presence>",
        "<message a='1' a='2'/>",
        "<message><body>&#0;</body></message>",
        "<x:message/>",
        "<features xmlns='http://etherx.jabber.org/streams'/>",
    })
    @DisplayName("refused: undeclared entities, two roots, garbage, unbound prefixes, roots outside jabber:client")
    void rejects(String xml) {
        assertThatThrownBy(() -> StanzaXml.parse(xml)).isInstanceOf(IllegalArgumentException.class);
    }
}
