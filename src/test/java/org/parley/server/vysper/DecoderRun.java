package org.parley.server.vysper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.AbstractProtocolDecoderOutput;
import org.apache.vysper.xmpp.stanza.Stanza;

/** One connection's decoder fed by a test, with everything it emitted, in order. */
final class DecoderRun {

    static final String DOMAIN = "parley.test";
    static final String OPEN = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' to='parley.test' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' xml:lang='en'>";
    static final StreamLimits DEFAULTS = new StreamLimits(DOMAIN, 262_144, 32, 64, 65_536);

    final DummySession session = new DummySession();
    final List<Object> out = new ArrayList<>();
    private final XmlStreamDecoder decoder;
    private final AbstractProtocolDecoderOutput output = new AbstractProtocolDecoderOutput() {
        @Override
        public void write(Object message) {
            out.add(message);
        }

        @Override
        public void flush(NextFilter nextFilter, IoSession ioSession) {
            // messages are collected in write()
        }
    };

    DecoderRun(StreamLimits limits) {
        decoder = XmlStreamDecoder.of(session, limits);
    }

    DecoderRun() {
        this(DEFAULTS);
    }

    DecoderRun feed(String xml) {
        return feed(xml.getBytes(StandardCharsets.UTF_8));
    }

    DecoderRun feed(byte[] bytes) {
        IoBuffer in = IoBuffer.wrap(bytes);
        decoder.decode(session, in, output);
        if (in.hasRemaining()) {
            throw new AssertionError("the decoder left " + in.remaining() + " bytes unread");
        }
        return this;
    }

    void restart(boolean authenticated) {
        XmlStreamDecoder.expectRestart(session, authenticated);
    }

    List<Stanza> stanzas() {
        return out.stream().filter(Stanza.class::isInstance).map(Stanza.class::cast).toList();
    }

    /** The last stanza emitted. */
    Stanza last() {
        List<Stanza> all = stanzas();
        return all.get(all.size() - 1);
    }

    /** The violation emitted, or null. */
    StreamViolation violation() {
        return out.stream().filter(StreamViolation.class::isInstance).map(StreamViolation.class::cast).findFirst()
                .orElse(null);
    }

    String condition() {
        StreamViolation violation = violation();
        return violation == null ? null : violation.condition();
    }
}
