package org.parley.csi.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.StanzaXml;

/** The listener's delivery side: held stanzas come back through the writer, urgent ones through the router. */
class CsiListenerTest {

    private static final BareJid JULIET = BareJid.parse("juliet@capulet.lit");

    private final List<String> direct = new ArrayList<>();
    private final CsiListener csi = new CsiListener((user, resource, stanza) -> direct.add(
            resource + ":" + stanza.getAttributeValue("id")), 2);

    private static Stanza presence(String id, String from) {
        return StanzaXml.parse("<presence id='" + id + "' from='" + from + "' to='juliet@capulet.lit/phone'/>");
    }

    @Test
    void nothingIsHeldForAnActiveResource() {
        Stanza p = presence("p1", "romeo@montague.lit/a");
        assertThat(csi.beforeDelivery(JULIET, "phone", p)).isSameAs(p);
        assertThat(csi.beforeDelivery(JULIET, null, p)).isSameAs(p);
        assertThat(csi.held(JULIET, "phone")).isZero();
    }

    @Test
    void theXepsElementsAndFeature() {
        assertThat(CsiListener.streamFeature().getName()).isEqualTo("csi");
        assertThat(CsiListener.streamFeature().getNamespaceURI()).isEqualTo("urn:xmpp:csi:0");
    }

    private static Stanza chat(String id, String body) {
        return StanzaXml.parse("<message id='" + id + "' from='romeo@montague.lit/a' to='juliet@capulet.lit/phone'"
                + " type='chat'><body>" + body + "</body></message>");
    }

    @Test
    void heldStanzasAreWrittenPastTheHooksUrgentOnesReturnedToTheRouter() {
        csi.indicate(JULIET, "phone", true);
        assertThat(csi.beforeDelivery(JULIET, "phone", presence("p1", "romeo@montague.lit/a"))).isNull();
        assertThat(csi.beforeDelivery(JULIET, "phone", presence("p2", "romeo@montague.lit/a"))).isNull();
        assertThat(csi.held(JULIET, "phone")).as("coalesced per contact full JID").isEqualTo(1);
        assertThat(csi.beforeDelivery(JULIET, "laptop", presence("p3", "romeo@montague.lit/a"))).isNotNull();

        Stanza hello = chat("m1", "hello");
        assertThat(csi.beforeDelivery(JULIET, "phone", hello)).as("the router writes it").isSameAs(hello);
        assertThat(direct).as("what was held, written before it").containsExactly("phone:p2");
    }

    @Test
    void theBoundAndActiveFlushInOrder() {
        csi.indicate(JULIET, "phone", true);
        csi.beforeDelivery(JULIET, "phone", presence("a", "romeo@montague.lit/a"));
        csi.beforeDelivery(JULIET, "phone", presence("b", "nurse@capulet.lit/b"));
        assertThat(direct).isEmpty();
        assertThat(csi.beforeDelivery(JULIET, "phone", presence("c", "tybalt@capulet.lit/c"))).isNull();
        assertThat(direct).as("max_held 2: the third flushes all").containsExactly("phone:a", "phone:b", "phone:c");

        csi.beforeDelivery(JULIET, "phone", presence("d", "romeo@montague.lit/a"));
        csi.indicate(JULIET, "phone", false);
        assertThat(direct).endsWith("phone:d");
        Stanza e = presence("e", "romeo@montague.lit/a");
        assertThat(csi.beforeDelivery(JULIET, "phone", e)).as("active again").isSameAs(e);
    }

    @Test
    void anEndedResourceDropsWhatItHeldAndResumedWritesIt() {
        csi.indicate(JULIET, "phone", true);
        csi.beforeDelivery(JULIET, "phone", presence("a", "romeo@montague.lit/a"));
        csi.resourceEnded(JULIET, "phone");
        assertThat(csi.held(JULIET, "phone")).isZero();
        assertThat(direct).isEmpty();

        csi.indicate(JULIET, "phone", true);
        csi.beforeDelivery(JULIET, "phone", presence("b", "romeo@montague.lit/a"));
        csi.resumed(JULIET, "phone"); // XEP-0352 §5.2: a resumed stream starts active
        assertThat(direct).containsExactly("phone:b");
        Stanza c = presence("c", "romeo@montague.lit/a");
        assertThat(csi.beforeDelivery(JULIET, "phone", c)).isSameAs(c);
    }
}
