package org.parley.it.regression;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.Message;
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

    private static Message receive(Actor recipient, String id) {
        return recipient.inbox().awaitMessage(m -> id.equals(m.getStanzaId()), "message " + id);
    }

    @Test
    @DisplayName("&amp;lt; in a body arrives as the text '&lt;' (nbxml unescaped it twice, to '<')")
    void escapedEntityIsUnescapedOnce() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.sendRaw(message(bob, "amp", "1 &amp;lt; 2 &amp;amp; &lt;b&gt;"));
        assertThat(receive(bob, "amp").getBody()).isEqualTo("1 &lt; 2 &amp; <b>");
    }

    @Test
    @DisplayName("two adjacent character references arrive as their characters (nbxml closed the sender's stream)")
    void adjacentCharacterReferences() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.sendRaw(message(bob, "refs", "&#65;&#66;&#x1F600;"));
        assertThat(receive(bob, "refs").getBody()).isEqualTo("AB\ud83d\ude00");
        alice.pingServer(); // the sender's stream is still open
    }

    @Test
    @DisplayName("a CDATA section arrives as text (nbxml refused it)")
    void cdata() throws Exception {
        Actor alice = actors.login("alice");
        Actor bob = actors.login("bob");
        alice.sendRaw(message(bob, "cdata", "a<![CDATA[<b>&amp;]]>c"));
        assertThat(receive(bob, "cdata").getBody()).isEqualTo("a<b>&amp;c");
    }

    @Test
    @DisplayName("a processing instruction ends the sender's stream with restricted-xml; nothing broken is forwarded")
    void processingInstruction() throws Exception {
        Bystanders bystanders = Bystanders.connect(actors);
        Actor mallory = actors.login("mallory");
        Actor bob = actors.login("bob");
        mallory.sendRaw("<message to='" + bob.jid() + "' id='pi'><?php system('x')?><body>x</body></message>");
        assertCondition(mallory, StreamError.Condition.restricted_xml);
        bystanders.assertStillChatting(3);
        assertThat(bob.inbox().count(m -> "pi".equals(m.getStanzaId()))).isZero();
    }

    @Test
    @DisplayName("a 3,000-deep stanza ends the sender's stream (policy-violation); the recipient stays connected")
    void deepStanza() throws Exception {
        Bystanders bystanders = Bystanders.connect(actors);
        Actor mallory = actors.login("mallory");
        Actor bob = actors.login("bob");
        mallory.sendRaw("<message to='" + bob.jid() + "' id='deep'>" + "<a>".repeat(3000) + "</a>".repeat(3000)
                + "</message>");
        assertCondition(mallory, StreamError.Condition.policy_violation);
        bystanders.assertStillChatting(3);
        bob.pingServer();
    }

    private static void assertCondition(Actor actor, StreamError.Condition condition) throws Exception {
        Exception end = actor.awaitClosedByServer(Duration.ofSeconds(10));
        assertThat(end).isInstanceOf(StreamErrorException.class);
        assertThat(((StreamErrorException) end).getStreamError().getCondition()).isEqualTo(condition);
    }
}
