package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.filter.codec.AbstractProtocolDecoderOutput;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.junit.jupiter.api.Test;

class XmlStreamDecoderTest {

    private final XmlStreamDecoder decoder = new XmlStreamDecoder();
    private final DummySession session = new DummySession();
    private final List<Object> out = new ArrayList<>();
    private final AbstractProtocolDecoderOutput output = new AbstractProtocolDecoderOutput() {
        @Override
        public void write(Object message) {
            out.add(message);
        }

        @Override
        public void flush(org.apache.mina.core.filterchain.IoFilter.NextFilter nextFilter,
                org.apache.mina.core.session.IoSession session) {
            // messages are collected in write()
        }
    };

    private void feed(String xml) throws Exception {
        decoder.decode(session, IoBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8)), output);
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (Object o : out) {
            names.add(o instanceof Stanza s ? s.getName() : String.valueOf(o));
        }
        return names;
    }

    private static final String OPEN = "<stream:stream xmlns='jabber:client' to='parley.test' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' xml:lang='en'>";

    @Test
    void streamHeaderThenStanzasThenClose() throws Exception {
        feed("<?xml version='1.0' encoding='UTF-8'?>" + OPEN);
        feed("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        assertThat(names()).containsExactly("stream", "starttls");
        feed("<message to='a@b'><body>hi</body></message>");
        assertThat(names()).containsExactly("stream", "starttls", "message");
        feed("</stream:stream>");
        assertThat(names()).containsExactly("stream", "starttls", "message", "INSTANCE");
    }

    @Test
    void restartedStreamIsNotAnEnd() throws Exception {
        feed(OPEN + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        feed("<?xml version='1.0'?>" + OPEN + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGEAYg==</auth>");
        assertThat(names()).containsExactly("stream", "starttls", "stream", "auth");
    }

    @Test
    void stanzaSplitAcrossReads() throws Exception {
        feed(OPEN + "<message to='a@b'><bo");
        feed("dy>h\u00e9llo</body></mess");
        feed("age>");
        assertThat(names()).containsExactly("stream", "message");
    }
}
