package org.parley.server.vysper;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.UncheckedStreamException;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one client's XML stream (RFC 6120 §4, §11) into Vysper stanzas with Aalto's non-blocking StAX reader,
 * fed the bytes of each network read as they come (ADR 0012). Emits, in order: the stream header as a
 * {@link Stanza} as soon as it is read, each complete stanza, whitespace between stanzas as {@link XMLText}
 * (keepalives), {@link StreamEnd} when the client closes its stream, and at most one {@link StreamViolation}, after
 * which it reads nothing more.
 *
 * <p>The rules it enforces are in {@link StreamLimits} and docs/security.md: no DTD, entity other than the five
 * predefined ones, comment or processing instruction ({@code restricted-xml}); only UTF-8 and XML 1.0 characters
 * ({@code not-well-formed}); a stream header in the streams namespace with {@code jabber:client} content
 * ({@code invalid-namespace}) addressed to this domain ({@code host-unknown}); bounded stanza size, depth, attribute
 * count and bytes before authentication ({@code policy-violation}). A partial stanza costs at most the size limit
 * plus one network read: the bytes received since the last complete stanza are counted after each read.
 *
 * <p>A stream restarts (RFC 6120 §5.4.3.3, §6.4.6) only when the session asks for it, through
 * {@link #expectRestart}: the next read then starts a new XML document. One instance per connection; MINA calls
 * {@link #decode} only from the connection's I/O thread, and {@link #expectRestart} may come from another thread.
 */
final class XmlStreamDecoder extends ProtocolDecoderAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(XmlStreamDecoder.class);
    private static final AttributeKey DECODER = new AttributeKey(XmlStreamDecoder.class, "decoder");
    /** The text of the violation for a fault inside the parser, as opposed to a fault in the input. */
    static final String PARSER_FAULT = "the XML parser failed";
    private static final int NO_RESTART = 0;
    private static final int RESTART = 1;
    private static final int RESTART_AUTHENTICATED = 2;

    private final StreamLimits limits;
    /** One factory per connection: Aalto copies its configuration into each reader, but does not promise more. */
    private final AsyncXMLInputFactory factory = new InputFactoryImpl();
    private final ElementStack stanza = new ElementStack();
    private final InputBytes input = new InputBytes();
    /** A restart asked for by the session's thread, applied by the I/O thread before its next read. */
    private final AtomicInteger restart = new AtomicInteger(NO_RESTART);
    private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private boolean documentStarted;
    private int depth;
    private long pendingBytes;
    private long preAuthBytes;
    private boolean authenticated;
    private boolean failed;

    XmlStreamDecoder(StreamLimits limits) {
        this.limits = limits;
        // a DTD is reported as an event and refused there; nothing is ever resolved or expanded
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // an undeclared entity must reach us as an event (restricted-xml), not be looked up
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        newDocument();
    }

    /** The decoder of a connection, made on first use; MINA asks for it on every read. */
    static XmlStreamDecoder of(IoSession session, StreamLimits limits) {
        XmlStreamDecoder decoder = (XmlStreamDecoder) session.getAttribute(DECODER);
        if (decoder == null) {
            decoder = new XmlStreamDecoder(limits);
            session.setAttribute(DECODER, decoder);
        }
        return decoder;
    }

    /**
     * Tells the connection's decoder that the client's next bytes start a new stream: after {@code <proceed/>}
     * (before the TLS filter lets decrypted data through) and before SASL {@code <success/>} is written
     * ({@code authenticated}), so the new header can never have been read already. Does nothing on a session
     * without our decoder.
     */
    static void expectRestart(IoSession session, boolean authenticated) {
        if (session.getAttribute(DECODER) instanceof XmlStreamDecoder decoder) {
            decoder.restart.set(authenticated ? RESTART_AUTHENTICATED : RESTART);
        }
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        if (failed) {
            in.position(in.limit()); // the stream is being closed: what follows is not read
            return;
        }
        int asked = restart.getAndSet(NO_RESTART);
        if (asked != NO_RESTART) {
            authenticated |= asked == RESTART_AUTHENTICATED;
            newDocument();
        }
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        try {
            read(bytes, out);
        } catch (StreamViolation.Raised e) {
            fail(session, e.violation(), out);
        } catch (XMLStreamException | UncheckedStreamException e) {
            // (Aalto reads text lazily, so a bad reference in it surfaces unchecked, from getText.) The message
            // names the position and the rule, never more than a character of the input.
            LOG.debug("connection {}: not well-formed: {}", session.getId(), e.getMessage());
            fail(session, StreamViolation.notWellFormed("not well-formed XML"), out);
        } catch (RuntimeException e) {
            // Aalto 1.3 throws a bare RuntimeException on some namespace errors (an element prefixed xmlns:); any
            // parser fault on hostile input must cost only this stream, and not fill the log at WARN
            LOG.debug("connection {}: the XML parser failed on this stream's input", session.getId(), e);
            fail(session, StreamViolation.notWellFormed(PARSER_FAULT), out);
        }
    }

    private void read(byte[] read, ProtocolDecoderOutput out) throws XMLStreamException, StreamViolation.Raised {
        if (!authenticated) {
            // every byte counts, whitespace skipped before a stream header included
            preAuthBytes += read.length;
            if (preAuthBytes > limits.maxPreAuthBytes()) {
                throw StreamViolation.policyViolation("too much data before authentication").raise();
            }
        }
        byte[] bytes = input.prepend(read);
        int offset = 0;
        if (!documentStarted) {
            // a restarted stream may be preceded by whitespace the client sent before it saw our answer
            while (offset < bytes.length && isXmlSpace(bytes[offset])) {
                offset++;
            }
            if (offset == bytes.length) {
                return;
            }
            documentStarted = true;
        }
        int end = input.holdBackPartialCharacter(bytes, offset);
        if (input.declaresMarkupInProlog(bytes, offset, end)) {
            throw StreamViolation.restrictedXml("no DTD or comment allowed").raise();
        }
        int length = end - offset;
        if (length == 0) {
            return; // only part of a character so far
        }
        pendingBytes += length;
        reader.getInputFeeder().feedInput(bytes, offset, length);
        drain(out);
        if (pendingBytes > limits.maxStanzaBytes()) {
            throw StreamViolation.policyViolation("stanza too large").raise();
        }
    }

    /** Handles every event the bytes fed so far complete. */
    private void drain(ProtocolDecoderOutput out) throws XMLStreamException, StreamViolation.Raised {
        int event;
        while ((event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            switch (event) {
                case XMLStreamConstants.START_DOCUMENT -> StreamHeaderCheck.declaration(reader);
                case XMLStreamConstants.START_ELEMENT -> startElement(out);
                case XMLStreamConstants.END_ELEMENT -> endElement(out);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        characters(out);
                case XMLStreamConstants.DTD -> throw StreamViolation.restrictedXml("no DTD allowed").raise();
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw StreamViolation.restrictedXml("no entity references allowed").raise();
                case XMLStreamConstants.COMMENT -> throw StreamViolation.restrictedXml("no comments allowed").raise();
                case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                        throw StreamViolation.restrictedXml("no processing instructions allowed").raise();
                case XMLStreamConstants.END_DOCUMENT -> {
                    return;
                }
                default -> throw StreamViolation.restrictedXml("unexpected XML construct").raise();
            }
        }
    }

    private void startElement(ProtocolDecoderOutput out) throws StreamViolation.Raised {
        depth++;
        if (depth > limits.maxDepth()) {
            throw StreamViolation.policyViolation("elements nested too deeply").raise();
        }
        if (reader.getAttributeCount() + reader.getNamespaceCount() > limits.maxAttributes()) {
            throw StreamViolation.policyViolation("too many attributes").raise();
        }
        requireQualifiedNames();
        if (depth == 1) {
            StreamHeaderCheck.header(reader, limits.domain());
            out.write(stanza.header(reader));
            pendingBytes = 0;
        } else {
            if (depth == 2 && "stream".equals(reader.getLocalName())
                    && NamespaceURIs.HTTP_ETHERX_JABBER_ORG_STREAMS.equals(reader.getNamespaceURI())) {
                // a restart the session did not ask for; read as a stanza it would swallow the rest of the stream
                throw StreamViolation.notWellFormed("unexpected stream header").raise();
            }
            stanza.start(reader);
        }
    }

    /**
     * Aalto 1.3 accepts a prefixed name with an empty local part ({@code <x:/>}); passed on, it would make the
     * recipient's stream not well-formed (found by the fuzz test).
     */
    private void requireQualifiedNames() throws StreamViolation.Raised {
        boolean valid = !reader.getLocalName().isEmpty();
        for (int i = 0; valid && i < reader.getAttributeCount(); i++) {
            valid = !reader.getAttributeLocalName(i).isEmpty();
        }
        if (!valid) {
            throw StreamViolation.notWellFormed("a name without a local part").raise();
        }
    }

    private void endElement(ProtocolDecoderOutput out) {
        depth--;
        if (depth == 0) {
            out.write(StreamEnd.INSTANCE);
            return;
        }
        Stanza complete = stanza.end();
        if (complete != null) {
            out.write(complete);
            pendingBytes = 0;
        }
    }

    private void characters(ProtocolDecoderOutput out) throws StreamViolation.Raised {
        if (depth >= 2) {
            stanza.text(reader);
        } else if (depth == 1) {
            if (!reader.isWhiteSpace()) {
                throw StreamViolation.notWellFormed("text outside of a stanza").raise();
            }
            // whitespace between stanzas, e.g. a keepalive (RFC 6120 §4.6.1)
            out.write(new XMLText(reader.getText()));
            pendingBytes = 0;
        }
        // depth 0: whitespace around the root, which Aalto only reports if asked; nothing to pass on
    }

    private void fail(IoSession session, StreamViolation violation, ProtocolDecoderOutput out) {
        LOG.info("connection {} from {}: {}, closing the stream", session.getId(), session.getRemoteAddress(),
                violation.condition());
        failed = true;
        stanza.clear();
        out.write(violation);
    }

    private void newDocument() {
        reader = factory.createAsyncForByteArray();
        stanza.clear();
        input.reset();
        documentStarted = false;
        depth = 0;
        pendingBytes = 0;
    }

    private static boolean isXmlSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
