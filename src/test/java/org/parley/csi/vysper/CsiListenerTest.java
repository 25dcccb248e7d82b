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

    @Test
    void resumedStartsActiveAndWritesWhatWasHeld() {
        // no session to say <inactive/> in a unit test: resumed() on an active resource does nothing
        csi.resumed(JULIET, "phone");
        assertThat(direct).isEmpty();
        csi.resourceEnded(JULIET, "phone");
        assertThat(direct).isEmpty();
    }
}
