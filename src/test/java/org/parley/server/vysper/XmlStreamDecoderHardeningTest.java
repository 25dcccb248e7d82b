package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.vysper.DecoderRun.OPEN;

import org.junit.jupiter.api.Test;

/** RFC 6120 §11 and §4.9: each hostile input ends the stream with its stream error, and nothing after it is read. */
class XmlStreamDecoderHardeningTest {

    private static final String HEADER_REST = "<stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

    private static String conditionFor(String... reads) {
        DecoderRun run = new DecoderRun();
        for (String read : reads) {
            run.feed(read);
        }
        return run.condition();
    }

    @Test
    void doctypeIsRestricted() {
        assertThat(conditionFor("<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY a 'b'>]>" + HEADER_REST))
                .isEqualTo("restricted-xml");
    }

    @Test
    void billionLaughsNeverExpands() {
        StringBuilder dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" '").append(("&lol" + (i == 1 ? "" : i - 1) + ";")
                    .repeat(10)).append("'>");
        }
        dtd.append("]>");
        assertThat(conditionFor(dtd + HEADER_REST + "<message><body>&lol9;</body></message>"))
                .isEqualTo("restricted-xml");
    }

    @Test
    void undeclaredEntityIsRestricted() {
        assertThat(conditionFor(OPEN, "<message><body>&xxe;</body></message>")).isEqualTo("restricted-xml");
    }

    @Test
    void commentsAndProcessingInstructionsAreRestricted() {
        assertThat(conditionFor(OPEN, "<!-- c -->")).isEqualTo("restricted-xml");
        assertThat(conditionFor(OPEN, "<message><!-- c --></message>")).isEqualTo("restricted-xml");
        // nbxml restarted the stream on a PI and forwarded a broken stanza
        assertThat(conditionFor(OPEN, "<message><?php x?><body>a</body></message>")).isEqualTo("restricted-xml");
        assertThat(conditionFor(OPEN, "<?xml version='1.0'?>")).isNotNull();
    }

    @Test
    void depthOverTheLimitIsAPolicyViolation() {
        // 3,000 deep once overflowed the recipient's writer; now it never gets in
        assertThat(conditionFor(OPEN, "<message>" + "<a>".repeat(3000))).isEqualTo("policy-violation");
        // exactly at the limit (stream 1, message 2, ... 32) is fine
        DecoderRun run = new DecoderRun().feed(OPEN + "<message>" + "<a>".repeat(30) + "</a>".repeat(30)
                + "</message>");
        assertThat(run.violation()).isNull();
        assertThat(run.stanzas()).hasSize(2);
    }

    @Test
    void tooManyAttributesIsAPolicyViolation() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            attributes.append(" a").append(i).append("='v'");
        }
        assertThat(conditionFor(OPEN, "<message" + attributes + "/>")).isEqualTo("policy-violation");
        assertThat(conditionFor(OPEN, "<message" + attributes.substring(0, attributes.length() - 8) + "/>")).isNull();
    }

    @Test
    void tooMuchBeforeAuthenticationIsAPolicyViolation() {
        DecoderRun run = new DecoderRun(new StreamLimits(DecoderRun.DOMAIN, 262_144, 32, 64, 4096)).feed(OPEN);
        for (int i = 0; i < 10 && run.violation() == null; i++) {
            run.feed("<presence/>".repeat(50));
        }
        assertThat(run.condition()).isEqualTo("policy-violation");
        // whitespace before the stream header counts too
        DecoderRun spaces = new DecoderRun(new StreamLimits(DecoderRun.DOMAIN, 262_144, 32, 64, 4096));
        for (int i = 0; i < 10 && spaces.violation() == null; i++) {
            spaces.feed(" ".repeat(1000));
        }
        assertThat(spaces.condition()).isEqualTo("policy-violation");
        // after SASL success the same traffic is fine
        DecoderRun authenticated = new DecoderRun(new StreamLimits(DecoderRun.DOMAIN, 262_144, 32, 64, 4096))
                .feed(OPEN);
        authenticated.restart(true);
        authenticated.feed(OPEN);
        for (int i = 0; i < 10; i++) {
            authenticated.feed("<presence/>".repeat(50));
        }
        assertThat(authenticated.violation()).isNull();
    }

    @Test
    void thirtyTwoMebibytesOfTextAreNeverBuffered() {
        DecoderRun run = new DecoderRun().feed(OPEN).feed("<message><body>");
        String chunk = "x".repeat(65_536);
        int fed = 0;
        while (run.violation() == null && fed < 512) {
            run.feed(chunk);
            fed++;
        }
        assertThat(run.condition()).isEqualTo("policy-violation");
        assertThat(fed).as("64 KiB reads before the limit stopped it").isLessThanOrEqualTo(5);
    }

    @Test
    void invalidUtf8IsNotWellFormed() {
        DecoderRun run = new DecoderRun().feed(OPEN).feed("<message><body>".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .feed(new byte[] {(byte) 0xc3, 0x28}).feed("</body></message>");
        assertThat(run.condition()).isEqualTo("not-well-formed");
        assertThat(new DecoderRun().feed(OPEN).feed(new byte[] {'<', 'a', '>', (byte) 0xff, '<', '/', 'a', '>'})
                .condition()).isEqualTo("not-well-formed");
        // an encoded surrogate (CESU-8) is not UTF-8
        assertThat(new DecoderRun().feed(OPEN).feed(new byte[] {'<', 'a', '>', (byte) 0xed, (byte) 0xa0,
            (byte) 0x80, '<', '/', 'a', '>'}).condition()).isEqualTo("not-well-formed");
    }

    @Test
    void charactersXmlCannotCarryAreNotWellFormed() {
        assertThat(conditionFor(OPEN, "<message><body>\u0001</body></message>")).isEqualTo("not-well-formed");
        assertThat(conditionFor(OPEN, "<message><body>&#1;</body></message>")).isEqualTo("not-well-formed");
        assertThat(conditionFor(OPEN, "<message><body>&#0;</body></message>")).isEqualTo("not-well-formed");
        assertThat(conditionFor(OPEN, "<message><body>&#xD800;</body></message>")).isEqualTo("not-well-formed");
        assertThat(conditionFor(OPEN, "<message><body>&#xFFFE;</body></message>")).isEqualTo("not-well-formed");
        assertThat(conditionFor(OPEN, "<message a='&#1;'/>")).isEqualTo("not-well-formed");
    }

    @Test
    void streamHeaderNamespaces() {
        assertThat(conditionFor("<stream:stream xmlns='jabber:client' xmlns:stream='urn:wrong' version='1.0'>"))
                .isEqualTo("invalid-namespace");
        assertThat(conditionFor("<stream:stream xmlns='jabber:server' "
                + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")).isEqualTo("invalid-namespace");
        assertThat(conditionFor("<stream xmlns='http://etherx.jabber.org/streams' version='1.0'>"))
                .isEqualTo("invalid-namespace");
        assertThat(conditionFor("<html>")).isEqualTo("invalid-namespace");
    }

    @Test
    void streamToAnotherDomainIsHostUnknown() {
        assertThat(conditionFor("<stream:stream xmlns='jabber:client' to='example.org' "
                + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")).isEqualTo("host-unknown");
        assertThat(conditionFor("<stream:stream xmlns='jabber:client' to='PARLEY.test.' "
                + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")).isNull();
        assertThat(conditionFor(HEADER_REST)).as("no 'to' at all").isNull();
    }

    @Test
    void onlyUtf8AndXml10() {
        assertThat(conditionFor("<?xml version='1.0' encoding='ISO-8859-1'?>" + HEADER_REST))
                .isEqualTo("unsupported-encoding");
        assertThat(conditionFor("<?xml version='1.1'?>" + HEADER_REST)).isEqualTo("not-well-formed");
    }

    @Test
    void textBetweenStanzasIsNotWellFormed() {
        assertThat(conditionFor(OPEN, "<presence/>hello")).isEqualTo("not-well-formed");
    }

    @Test
    void namesWithoutALocalPartAreNotWellFormed() {
        // Aalto accepts these; passed on, they would break the recipient's stream (found by the fuzz test)
        assertThat(conditionFor(OPEN, "<message><x:y xmlns:x='urn:x'><x:/></x:y></message>"))
                .isEqualTo("not-well-formed");
        assertThat(conditionFor(OPEN, "<message><show>a<xmlns:/show></message>")).isEqualTo("not-well-formed");
    }
}
