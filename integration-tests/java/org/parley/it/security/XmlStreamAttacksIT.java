package org.parley.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.it.support.Actors;
import org.parley.it.support.Bystanders;
import org.parley.it.support.Clients;
import org.parley.it.support.RawXmppClient;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * Issue #4, RFC 6120 §11 and §4.9: one raw-socket attack per test. Each ends only the attacker's stream, with the
 * exact stream error; the server stays up, and two users connected before the attack go on chatting.
 */
class XmlStreamAttacksIT {

    private static final String HEADER_REST = "<stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    /** Attacks sent after a valid stream header and the server's features, on a clear-text stream. */
    static Stream<Arguments> inStreamAttacks() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            attributes.append(" a").append(i).append("='v'");
        }
        return Stream.of(
                Arguments.of("undeclared entity", "<message><body>&xxe;</body></message>", "restricted-xml"),
                Arguments.of("comment", "<message><!-- hidden --><body>x</body></message>", "restricted-xml"),
                Arguments.of("processing instruction", "<message><?php evil()?><body>x</body></message>",
                        "restricted-xml"),
                Arguments.of("3,000 nested elements", "<message>" + "<a>".repeat(3000), "policy-violation"),
                Arguments.of("100 attributes", "<message" + attributes + "/>", "policy-violation"),
                Arguments.of("U+0001 in text", "<message><body>\u0001</body></message>", "not-well-formed"),
                Arguments.of("&#1; in text", "<message><body>&#1;</body></message>", "not-well-formed"),
                Arguments.of("text between stanzas", "hello", "not-well-formed"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("inStreamAttacks")
    @DisplayName("RFC 6120 §11.1, §4.9.3: hostile XML inside a stream")
    void inStreamAttack(String what, String payload, String condition) throws Exception {
        expect(condition, true, raw -> raw.send(payload));
    }

    @Test
    @DisplayName("RFC 6120 §11.1: a DTD (billion laughs) gets restricted-xml and is never expanded")
    void billionLaughs() throws Exception {
        StringBuilder dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY l0 'lol'>");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" '").append(("&l" + (i - 1) + ";").repeat(10)).append("'>");
        }
        dtd.append("]>");
        expect("restricted-xml", false, raw -> raw.send(dtd + HEADER_REST + "<message><body>&l9;</body></message>"));
    }

    @Test
    @DisplayName("RFC 6120 §11.6, §4.9.3.13: invalid UTF-8 gets not-well-formed")
    void invalidUtf8() throws Exception {
        expect("not-well-formed", true,
                raw -> raw.sendBytes(new byte[] {'<', 'm', '>', (byte) 0xC3, '(', '<', '/', 'm', '>'}));
    }

    @Test
    @DisplayName("RFC 6120 §4.9.3.10: a stream header in another namespace gets invalid-namespace")
    void wrongStreamNamespace() throws Exception {
        expect("invalid-namespace", false, raw -> raw.send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                + "xmlns:stream='urn:not-streams' to='" + TestServer.DOMAIN + "' version='1.0'>"));
    }

    @Test
    @DisplayName("RFC 6120 §4.9.3.6: a stream to a domain the server does not serve gets host-unknown")
    void wrongDomain() throws Exception {
        expect("host-unknown", false, raw -> raw.openStream("example.org"));
    }

    @Test
    @DisplayName("RFC 6120 §4.9.3.14: more than c2s.max_preauth_bytes (64 KiB) before authentication")
    void tooMuchBeforeAuthentication() throws Exception {
        // whitespace keepalives are fine one by one, but not 64 KiB of them before logging in
        expect("policy-violation", true, raw -> sendUntilClosed(raw, " ".repeat(8192), 16));
    }

    @Test
    @DisplayName("RFC 6120 §4.9.3.14: 32 MiB of unterminated text is cut off at c2s.max_stanza_size, not buffered")
    void thirtyTwoMebibytesOfText() throws Exception {
        expect("policy-violation", true, raw -> {
            raw.send("<message><body>");
            int sentChunks = sendUntilClosed(raw, "x".repeat(65_536), 512);
            assertThat(sentChunks).as("64 KiB chunks the server read before closing").isLessThan(512);
        });
    }

    /** What an attack test writes on its raw connection. */
    @FunctionalInterface
    private interface Attack {
        void send(RawXmppClient raw) throws IOException;
    }

    /**
     * Connects the bystanders, runs {@code attack} on a new connection (after a valid stream header and the server's
     * features when {@code afterFeatures}), expects {@code condition}, then checks that the server still serves.
     */
    private void expect(String condition, boolean afterFeatures, Attack attack) throws Exception {
        Bystanders bystanders = Bystanders.connect(actors);
        try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
            if (afterFeatures) {
                raw.openStream(TestServer.DOMAIN);
                raw.readUntil("</stream:features>", WAIT);
            }
            attack.send(raw);
            assertStreamError(raw, condition);
        }
        assertServerServes(bystanders);
    }

    /** Sends {@code chunk} up to {@code times} times, stopping once the server has answered or closed. */
    private static int sendUntilClosed(RawXmppClient raw, String chunk, int times) throws IOException {
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < times; i++) {
            try {
                raw.sendBytes(bytes);
            } catch (IOException e) {
                return i; // the server closed the connection
            }
            if (raw.readUntil("</stream:stream>", Duration.ofMillis(20)).contains("</stream:stream>")) {
                return i + 1;
            }
        }
        return times;
    }

    private static void assertStreamError(RawXmppClient raw, String condition) throws IOException {
        assertThat(raw.awaitClose(WAIT)).as("the server closed the connection").isTrue();
        assertThat(raw.text()).as("what the server sent").contains("<stream:stream")
                .contains("<stream:error")
                .contains("<" + condition + " xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"")
                .endsWith("</stream:stream>");
    }

    private static void assertServerServes(Bystanders bystanders) throws Exception {
        bystanders.assertStillChatting(3);
        Clients.loginNewUser(SERVER.server(), "after-attack").disconnect();
    }
}
