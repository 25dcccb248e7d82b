package org.parley.server.vysper;

import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.apache.vysper.mina.codec.StanzaWriteInfo;
import org.apache.vysper.xml.fragment.Renderer;
import org.apache.vysper.xmpp.writer.StanzaWriter;

/**
 * Serialises a {@link StanzaWriteInfo} to UTF-8: the XML prolog and the open stream header for the first write of a
 * stream, a complete element otherwise. Ours rather than Vysper's encoder, whose {@code dispose} assumes Vysper's
 * own I/O handler.
 */
final class StanzaEncoder extends ProtocolEncoderAdapter {

    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) throws Exception {
        if (!(message instanceof StanzaWriteInfo info)) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getName());
        }
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
        Renderer renderer = new Renderer(info.getStanza());
        IoBuffer buffer = IoBuffer.allocate(256).setAutoExpand(true);
        if (info.isWriteProlog()) {
            buffer.putString(StanzaWriter.XML_PROLOG, utf8);
        }
        if (info.isWriteOpeningElement()) {
            buffer.putString(renderer.getOpeningElement(), utf8);
        }
        if (info.isWriteContent()) {
            buffer.putString(renderer.getElementContent(), utf8);
        }
        if (info.isWriteClosingElement()) {
            buffer.putString(renderer.getClosingElement(), utf8);
        }
        buffer.flip();
        out.write(buffer);
    }
}
