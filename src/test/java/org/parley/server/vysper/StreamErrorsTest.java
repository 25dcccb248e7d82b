package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.vysper.xml.fragment.Renderer;
import org.apache.vysper.xmpp.protocol.StreamErrorCondition;
import org.apache.vysper.xmpp.server.response.ServerErrorResponses;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.junit.jupiter.api.Test;

class StreamErrorsTest {

    @Test
    void rfc6120Form() {
        String xml = new Renderer(StreamErrors.of(StreamErrorCondition.SYSTEM_SHUTDOWN, "bye")).getComplete();
        assertThat(xml).startsWith("<stream:error")
                .contains("<system-shutdown xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"")
                .contains(">bye</text>")
                .endsWith("</stream:error>");
    }

    @Test
    void vyspersStreamErrorsAreCorrected() {
        Stanza vysper = ServerErrorResponses.getStreamError(StreamErrorCondition.XML_NOT_WELL_FORMED, "en", "x", null);
        assertThat(new Renderer(vysper).getComplete()).startsWith("<error xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"");
        Stanza corrected = StreamErrors.normalize(vysper);
        assertThat(StreamErrors.isStreamError(corrected)).isTrue();
        assertThat(new Renderer(corrected).getComplete()).startsWith("<stream:error")
                .contains("<not-well-formed xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"")
                .doesNotContain("xml-not-well-formed");
    }

    @Test
    void otherStanzasPassUnchanged() {
        Stanza message = new org.apache.vysper.xmpp.stanza.StanzaBuilder("message", "jabber:client").build();
        assertThat(StreamErrors.normalize(message)).isSameAs(message);
    }
}
