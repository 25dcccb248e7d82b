package org.parley.it.regression;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.Bystanders;
import org.parley.it.support.ServerPerClass;

/**
 * Issue #4 regression: what Vysper 0.7's nbxml parser did to authenticated users' stanzas, each now right. The
 * sender writes raw XML into its (TLS) stream; the recipient is a Smack client.
 */
class Issue4NbxmlDefectsIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    private static String message(Actor to, String id, String bodyXml) {
        return "<message to='" + to.jid() + "' type='chat' id='" + id + "'><body>" + bodyXml + "</body></message>";
    }

    /** Alice writes a chat message with {@code bodyXml} as literal XML; returns the body as Bob's client reads it. */
    private String deliveredBody(String id, String bodyXml) throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.sendRaw(message(bob, id, bodyXml));
        String body = bob.inbox().awaitMessage(m -> id.equals(m.getStanzaId()), "message " + id).getBody();
        alice.pingServer(); // the sender's stream is still open
        return body;
    }

    @Test
    @DisplayName("&amp;lt; in a body arrives as the text '&lt;' (nbxml unescaped it twice, to '<')")
    void escapedEntityIsUnescapedOnce() throws Exception {
        assertThat(deliveredBody("amp", "1 &amp;lt; 2 &amp;amp; &lt;b&gt;")).isEqualTo("1 &lt; 2 &amp; <b>");
    }

    @Test
    @DisplayName("two adjacent character references arrive as their characters (nbxml closed the sender's stream)")
    void adjacentCharacterReferences() throws Exception {
        assertThat(deliveredBody("refs", "&#65;&#66;&#x1F600;")).isEqualTo("AB\ud83d\ude00");
    }

    @Test
    @DisplayName("a CDATA section arrives as text (nbxml refused it)")
    void cdata() throws Exception {
        assertThat(deliveredBody("cdata", "a<![CDATA[<b>&amp;]]>c")).isEqualTo("a<b>&amp;c");
    }

    @Test
    @DisplayName("a processing instruction ends the sender's stream with restricted-xml; nothing broken is forwarded")
    void processingInstruction() throws Exception {
        cutOff("pi", "<?php system('x')?><body>x</body>", StreamError.Condition.restricted_xml);
    }

    @Test
    @DisplayName("a 3,000-deep stanza ends the sender's stream (policy-violation); the recipient stays connected")
    void deepStanza() throws Exception {
        cutOff("deep", "<a>".repeat(3000) + "</a>".repeat(3000), StreamError.Condition.policy_violation);
    }

    /**
     * Mallory sends Bob a message with {@code contentXml} as literal XML: her stream ends with {@code condition},
     * Bob gets nothing of it and stays connected, and the bystanders go on chatting.
     */
    private void cutOff(String id, String contentXml, StreamError.Condition condition) throws Exception {
        Bystanders bystanders = Bystanders.connect(actors);
        Actor mallory = actors.login("mallory");
        Actor bob = actors.login("bob");
        mallory.sendRaw("<message to='" + bob.jid() + "' id='" + id + "'>" + contentXml + "</message>");
        Exception end = mallory.awaitClosedByServer(Duration.ofSeconds(10));
        assertThat(end).isInstanceOf(StreamErrorException.class);
        assertThat(((StreamErrorException) end).getStreamError().getCondition()).isEqualTo(condition);
        bystanders.assertStillChatting(3);
        bob.pingServer();
        assertThat(bob.inbox().count(m -> id.equals(m.getStanzaId()))).isZero();
    }
}
