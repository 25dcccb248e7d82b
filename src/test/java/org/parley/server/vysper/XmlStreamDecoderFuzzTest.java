package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    @Test
    void mutatedStreamsNeverEscapeTheDecoder() throws Exception {
        Random random = new Random(SEED);
        XMLInputFactory strict = XMLInputFactory.newDefaultFactory();
        strict.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        int violations = 0;
        for (int n = 0; n < CASES; n++) {
            byte[] input = StreamMutator.randomCase(random);
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
}
