package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.apache.vysper.mina.codec.StanzaWriteInfo;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.junit.jupiter.api.Test;

/** Issue #4: a deep stanza must not overflow the stack of the thread writing it to its recipient. */
class StanzaEncoderTest {

    private final List<Object> written = new ArrayList<>();
    private final ProtocolEncoderOutput out = written::add;

    private static Stanza nested(int depth) {
        XMLElement inner = new XMLElement("urn:x", "a", null, List.of(), List.of());
        for (int i = 2; i < depth; i++) {
            inner = new XMLElement("urn:x", "a", null, List.of(), List.of(inner));
        }
        return new StanzaBuilder("message", "jabber:client").addPreparedElement(inner).build();
    }

    private String encode(Stanza stanza) throws Exception {
        new StanzaEncoder().encode(new DummySession(), new StanzaWriteInfo(stanza, false), out);
        IoBuffer buffer = (IoBuffer) written.get(written.size() - 1);
        return buffer.getString(StandardCharsets.UTF_8.newDecoder());
    }

    @Test
    void aStanzaThreeThousandDeepIsDroppedNotAStackOverflow() throws Exception {
        assertThat(encode(nested(3000))).isEmpty();
    }

    @Test
    void deepButAllowedStanzasAreWritten() throws Exception {
        assertThat(encode(nested(StanzaEncoder.MAX_DEPTH))).startsWith("<message").endsWith("</message>");
        assertThat(StanzaEncoder.deeperThan(nested(StanzaEncoder.MAX_DEPTH), StanzaEncoder.MAX_DEPTH)).isFalse();
        assertThat(StanzaEncoder.deeperThan(nested(StanzaEncoder.MAX_DEPTH + 1), StanzaEncoder.MAX_DEPTH)).isTrue();
    }
}
