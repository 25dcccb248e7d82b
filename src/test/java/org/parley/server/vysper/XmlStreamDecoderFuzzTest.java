package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.vysper.xml.fragment.Renderer;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of valid client streams, fed in random pieces (issue #4). Whatever the bytes, the decoder
 * reads them all, emits only its known events, at most one violation and nothing after it, and every stanza it lets
 * through renders to well-formed XML (what a recipient would get).
 */
class XmlStreamDecoderFuzzTest {

    static final long SEED = 4_2026L;
    static final int CASES = 5000;

    static final List<String> VALID = List.of(
            DecoderRun.OPEN + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
            DecoderRun.OPEN + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHNlY3JldA==</auth>",
            DecoderRun.OPEN + "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                    + "<resource>r&amp;d</resource></bind></iq> <presence><show>away</show><status>&#65;&#66;"
                    + "<![CDATA[<x>]]>\u00e9\ud83d\ude00</status><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' "
                    + "node='n' ver='v='/></presence>",
            DecoderRun.OPEN + "<message to='bob@parley.test' type='chat' xml:lang='de' id='m&lt;1'><body>a &amp;lt; b"
                    + "</body><x:y xmlns:x='urn:x' x:z='1'><x:w/></x:y><thread>t</thread></message>\n</stream:stream>",
            "<?xml version='1.0' encoding='UTF-8'?><stream:stream xmlns='jabber:client' "
                    + "xmlns:stream='http://etherx.jabber.org/streams' xmlns:p='urn:p' version='1.0'>"
                    + "<iq type='get' id='r'><query xmlns='jabber:iq:roster' p:q='2'/></iq>");

    private static final String[] TOKENS = {"<", ">", "&", ";", "'", "\"", "/", "<!--", "-->", "<![CDATA[", "]]>",
        "&#", "&#x", "&amp;", "&lt;", "<?", "?>", "<!DOCTYPE x [<!ENTITY e 'v'>]>", "&e;", "xmlns:", "xmlns=''",
        "\u0000", "\u0001", "\ud83d\ude00", "\u00e9", "<a>", "</a>", "<stream:stream>", "</stream:stream>",
        DecoderRun.OPEN, " a='1'", "\r\n", "\uFFFE", "<x:y/>", "=", "]]"};

    @Test
    void mutatedStreamsNeverEscapeTheDecoder() throws Exception {
        Random random = new Random(SEED);
        XMLInputFactory strict = XMLInputFactory.newDefaultFactory();
        strict.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        int violations = 0;
        for (int n = 0; n < CASES; n++) {
            byte[] input = mutate(random, VALID.get(random.nextInt(VALID.size())).getBytes(StandardCharsets.UTF_8));
            DecoderRun run = new DecoderRun(new StreamLimits(DecoderRun.DOMAIN, 4096, 16, 16, 8192));
            int at = 0;
            while (at < input.length) {
                int piece = 1 + random.nextInt(Math.min(64, input.length - at));
                run.feed(Arrays.copyOfRange(input, at, at + piece));
                at += piece;
                if (random.nextInt(50) == 0) {
                    run.restart(random.nextBoolean());
                }
            }
            String why = "case " + n + ": " + new String(input, StandardCharsets.UTF_8);
            for (int i = 0; i < run.out.size(); i++) {
                Object event = run.out.get(i);
                assertThat(event).as(why).isInstanceOfAny(Stanza.class, XMLText.class, StreamEnd.class,
                        StreamViolation.class);
                if (event instanceof StreamViolation) {
                    // (a violation may be Aalto failing on a namespace error with a RuntimeException, e.g. an
                    // element prefixed xmlns:; the decoder turns that into not-well-formed too)
                    violations++;
                    assertThat(i).as("the violation is the last event; " + why).isEqualTo(run.out.size() - 1);
                } else if (event instanceof Stanza stanza && !"stream".equals(stanza.getName())) {
                    String rendered = new Renderer(stanza).getComplete();
                    try {
                        XMLStreamReader reader = strict.createXMLStreamReader(new StringReader(rendered));
                        while (reader.hasNext()) {
                            reader.next(); // throws if the server would send a recipient malformed XML
                        }
                    } catch (XMLStreamException e) {
                        throw new AssertionError("rendered as malformed XML: " + rendered + "; " + why, e);
                    }
                }
            }
        }
        // the mutations must actually hurt, or the test proves nothing
        assertThat(violations).isGreaterThan(CASES / 4);
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] bytes = valid;
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            int at = random.nextInt(bytes.length + 1);
            switch (random.nextInt(6)) {
                case 0 -> bytes = splice(bytes, at, 0, new byte[] {(byte) random.nextInt(256)});
                case 1 -> bytes = splice(bytes, at, Math.min(1 + random.nextInt(8), bytes.length - at), new byte[0]);
                case 2 -> bytes = splice(bytes, at, 0,
                        TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                case 3 -> {
                    if (at < bytes.length) {
                        bytes = bytes.clone();
                        bytes[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 4 -> bytes = Arrays.copyOf(bytes, at);
                default -> {
                    int length = Math.min(random.nextInt(40), bytes.length - at);
                    byte[] copy = Arrays.copyOfRange(bytes, at, at + length);
                    bytes = splice(bytes, random.nextInt(bytes.length + 1), 0, copy);
                }
            }
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] result = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(bytes, at + remove, result, at + insert.length, bytes.length - at - remove);
        return result;
    }
}
