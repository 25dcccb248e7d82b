package org.parley.server.vysper;

import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.vysper.mina.codec.StanzaBuilderFactory;
import org.apache.vysper.xml.decoder.XMPPContentHandler;
import org.apache.vysper.xml.sax.NonBlockingXMLReader;
import org.apache.vysper.xml.sax.impl.DefaultNonBlockingXMLReader;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;

/**
 * Decodes a client's XML stream into Vysper stanzas with Vysper's non-blocking reader, and additionally reports
 * the end of the stream ({@link StreamEnd}), which Vysper's own {@code XMPPDecoder} silently drops.
 *
 * <p>It also bounds what one stanza may cost: bytes received since the last complete stanza (or stream header) are
 * counted, and past {@code maxStanzaBytes} decoding stops with {@link StanzaTooLargeException}, so a client
 * cannot make the server buffer unbounded text (Vysper's reader keeps any amount). The count is reset when a
 * stanza completes, so what stays buffered is at most the limit plus one network read.
 *
 * <p>One instance per connection: it keeps the reader and element depth of that connection. MINA calls it only
 * from the connection's I/O processor thread, so no synchronisation is needed.
 */
final class XmlStreamDecoder extends CumulativeProtocolDecoder {

    /**
     * Guards Vysper's one static {@code CharsetUtil.UTF8_DECODER}, which nbxml's tokenizer uses for every element and
     * attribute name of every connection. A {@code CharsetDecoder} is not thread-safe, and connections are decoded
     * on several MINA I/O threads: under load one connection's decode broke another's ("Current state = RESET, new
     * state = CODING_END", seen in the integration tests) and a healthy client was closed as not well-formed. Held
     * while nbxml parses; issue 4 replaces nbxml and this lock with it.
     */
    private static final Object SHARED_CHARSET_DECODER = new Object();

    private final NonBlockingXMLReader reader = new DefaultNonBlockingXMLReader();
    /** This connection's own decoder for text and attribute values (nbxml takes it per call). */
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private final DepthTracker tracker = new DepthTracker();
    private final long maxStanzaBytes;

    XmlStreamDecoder(long maxStanzaBytes) {
        if (maxStanzaBytes < 1) {
            throw new IllegalArgumentException("maxStanzaBytes must be positive, was " + maxStanzaBytes);
        }
        this.maxStanzaBytes = maxStanzaBytes;
        try {
            // the stream header's namespace declarations must reach the stanzas (jabber:client)
            reader.setFeature(DefaultNonBlockingXMLReader.FEATURE_NAMESPACE_PREFIXES, true);
            // a client restarts the stream after STARTTLS and after SASL (RFC 6120 §5.4.3.3, §6.4.6)
            reader.setFeature(DefaultNonBlockingXMLReader.FEATURE_RESTART_ALLOWED, true);
            reader.setProperty(DefaultNonBlockingXMLReader.PROPERTY_RESTART_QNAME, "stream:stream");
        } catch (SAXException e) {
            throw new IllegalStateException("the nbxml reader rejected a standard feature", e);
        }
        reader.setContentHandler(tracker);
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
        tracker.output = out;
        tracker.pendingBytes += in.remaining();
        synchronized (SHARED_CHARSET_DECODER) {
            reader.parse(in, utf8);
        }
        if (tracker.pendingBytes > maxStanzaBytes) {
            throw new StanzaTooLargeException(maxStanzaBytes);
        }
        // everything available was parsed; the reader keeps partial input itself
        return false;
    }

    /** Delegates to Vysper's stanza-building handler and emits {@link StreamEnd} when the root element closes. */
    private static final class DepthTracker implements ContentHandler {
        private final XMPPContentHandler delegate = new XMPPContentHandler(new StanzaBuilderFactory());
        private ProtocolDecoderOutput output;
        private int depth;
        /** Bytes received since the last complete stanza or stream header. */
        private long pendingBytes;

        DepthTracker() {
            delegate.setListener(element -> output.write(element));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            depth++;
            delegate.startElement(uri, localName, qName, atts);
            if (depth == 1) {
                pendingBytes = 0; // the stream header is complete
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            depth--;
            delegate.endElement(uri, localName, qName);
            if (depth == 1) {
                pendingBytes = 0; // a stanza is complete
            }
            if (depth == 0) {
                output.write(StreamEnd.INSTANCE);
            }
        }

        @Override
        public void startDocument() throws SAXException {
            depth = 0;
            delegate.startDocument();
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            delegate.characters(ch, start, length);
        }

        @Override
        public void endDocument() throws SAXException {
            delegate.endDocument();
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            delegate.setDocumentLocator(locator);
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            delegate.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            delegate.endPrefixMapping(prefix);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            delegate.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            delegate.processingInstruction(target, data);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            delegate.skippedEntity(name);
        }
    }
}
