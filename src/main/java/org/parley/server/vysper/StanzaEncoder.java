package org.parley.server.vysper;

import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.apache.vysper.mina.codec.StanzaWriteInfo;
import org.apache.vysper.xml.fragment.Renderer;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xmpp.writer.StanzaWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialises a {@link StanzaWriteInfo} to UTF-8: the XML prolog and the open stream header for the first write of a
 * stream, a complete element otherwise. Ours rather than Vysper's encoder, whose {@code dispose} assumes Vysper's
 * own I/O handler.
 *
 * <p>Depth-bounded: Vysper's {@link Renderer} recurses once per element level, and under Vysper's own parser a
 * 3,000-deep stanza overflowed the stack of the thread writing it to the recipient, which closed the recipient's
 * connection. The decoder now refuses anything deeper than {@code c2s.max_depth} (at most 256), so such a stanza can
 * only come from elsewhere (an offline message stored before that limit); one deeper than {@link #MAX_DEPTH} is
 * dropped with a warning instead of rendered, and the recipient's stream goes on.
 */
final class StanzaEncoder extends ProtocolEncoderAdapter {

    /** Far above any accepted stanza, far below what the recursive renderer can take on a default stack. */
    static final int MAX_DEPTH = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(StanzaEncoder.class);

    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) throws Exception {
        if (!(message instanceof StanzaWriteInfo info)) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getName());
        }
        if (deeperThan(info.getStanza(), MAX_DEPTH)) {
            LOG.warn("connection {}: dropped an outgoing <{}> nested deeper than {} levels", session.getId(),
                    info.getStanza().getName(), MAX_DEPTH);
            out.write(IoBuffer.allocate(0));
            return;
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

    /** Whether {@code root} has elements more than {@code limit} levels deep; iterative, so any depth is safe. */
    static boolean deeperThan(XMLElement root, int limit) {
        Deque<XMLElement> elements = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        elements.push(root);
        depths.push(1);
        while (!elements.isEmpty()) {
            XMLElement element = elements.pop();
            int depth = depths.pop();
            if (depth > limit) {
                return true;
            }
            for (XMLFragment child : element.getInnerFragments()) {
                if (child instanceof XMLElement inner) {
                    elements.push(inner);
                    depths.push(depth + 1);
                }
            }
        }
        return false;
    }
}
