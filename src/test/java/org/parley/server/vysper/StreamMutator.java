package org.parley.server.vysper;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Valid client streams and seeded random mutations of them, for the fuzz tests of issue #4 (the decoder directly,
 * and a smaller run over real sockets in {@code StreamFuzzIT}).
 */
public final class StreamMutator {

    /** Valid client streams (each opens with a stream header to {@code parley.test}). */
    public static final List<String> VALID = List.of(
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

    private StreamMutator() {}

    /** A mutation of one of the {@link #VALID} streams, picked by {@code random}. */
    public static byte[] randomCase(Random random) {
        return mutate(random, VALID.get(random.nextInt(VALID.size())).getBytes(StandardCharsets.UTF_8));
    }

    /** One to four random edits of {@code valid}: bytes, deletions, XML tokens, bit flips, truncation, copies. */
    public static byte[] mutate(Random random, byte[] valid) {
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
