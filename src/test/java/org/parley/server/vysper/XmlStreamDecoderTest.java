package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.filter.codec.AbstractProtocolDecoderOutput;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.junit.jupiter.api.Test;

class XmlStreamDecoderTest {

    private XmlStreamDecoder decoder = new XmlStreamDecoder(1 << 20);
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

    @Test
    void aStanzaOverTheLimitStopsDecodingEvenWhenItArrivesInPieces() throws Exception {
        decoder = new XmlStreamDecoder(4096);
        feed(OPEN);
        feed("<message to='a@b'><body>");
        String chunk = "x".repeat(1000);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                feed(chunk);
            }
        }).isInstanceOf(StanzaTooLargeException.class);
    }

    @Test
    void manySmallStanzasAddUpToMoreThanTheLimitWithoutHarm() throws Exception {
        decoder = new XmlStreamDecoder(4096);
        feed(OPEN);
        String stanza = "<message to='a@b'><body>" + "y".repeat(500) + "</body></message>";
        for (int i = 0; i < 100; i++) {
            feed(stanza);
        }
        assertThat(out).hasSize(101);
    }

    @Test
    void textWithoutAnyMarkupCountsToo() throws Exception {
        decoder = new XmlStreamDecoder(4096);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                feed("GET / HTTP/1.1 " + "z".repeat(1000));
            }
        }).isInstanceOf(StanzaTooLargeException.class);
    }
}
