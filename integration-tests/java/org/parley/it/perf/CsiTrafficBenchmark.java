package org.parley.it.perf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.RawTlsSession;
import org.parley.it.support.Subscriptions;
import org.parley.it.support.TestServer;

/**
 * What client state indication (XEP-0352) saves an idle phone: the bytes the server writes to two resources of one
 * user under the same traffic, one that said {@code <inactive/>} and one that did not. A user with {@code contacts}
 * contacts (Smack clients, subscriptions made through the protocol); each contact changes presence {@code changes}
 * times, and {@code messages} chat messages, each between a {@code composing} and an {@code active} chat state, go to
 * both resources' full JIDs, spread over the rounds. Both resources are raw TLS sessions whose decrypted input is
 * counted by a reader thread; the counts are the XML bytes after resource binding. Bounded: every wait has a
 * timeout, and the sizes come from the arguments.
 *
 * <pre>
 * java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" org.parley.it.perf.CsiTrafficBenchmark 50 20 10
 * </pre>
 */
public final class CsiTrafficBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private CsiTrafficBenchmark() {}

    /** The counts of one run. */
    public record Result(int contacts, int changes, int messages, Count plain, Count inactive, Count flush) {
        public String summary() {
            return String.format("CSI-BENCH contacts=%d changes=%d messages=%d | without CSI: %s | inactive: %s"
                    + " | flush on <active/>: %s | inactive+flush: %d B (%.1f %% of without)", contacts, changes,
                    messages, plain, inactive, flush, inactive.bytes() + flush.bytes(),
                    100.0 * (inactive.bytes() + flush.bytes()) / plain.bytes());
        }
    }

    /** Bytes and stanzas read by one resource in one phase. */
    public record Count(long bytes, int presences, int messages) {
        @Override
        public String toString() {
            return bytes + " B, " + presences + " presence, " + messages + " message";
        }
    }

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.println(run(contacts, changes, messages).summary());
    }

    public static Result run(int contacts, int changes, int messages) throws Exception {
        try (TestServer server = TestServer.start(Map.of())) {
            return run(server, contacts, changes, messages);
        }
    }

    private static Result run(TestServer server, int contactCount, int changes, int messages) throws Exception {
        Account juliet = Account.create(server, "bench-juliet");
        List<Actor> contacts = new ArrayList<>();
        try (Actor setup = juliet.login("setup")) {
            setup.available();
            for (int i = 0; i < contactCount; i++) {
                Actor contact = Account.create(server, "bench-contact").login();
                contacts.add(contact);
                contact.available();
                Subscriptions.subscribe(setup, contact);
                contact.pingServer();
            }
        }
        try (Observer plain = Observer.login(server, juliet, "plain");
                Observer inactive = Observer.login(server, juliet, "inactive")) {
            plain.sync("setup");
            inactive.sync("setup");
            inactive.session.send("<inactive xmlns='urn:xmpp:csi:0'/>");
            inactive.sync("inactive");
            long plainStart = plain.bytes();
            long inactiveStart = inactive.bytes();
            int plainText = plain.text().length();
            int inactiveText = inactive.text().length();

            int sent = 0;
            for (int round = 0; round < changes; round++) {
                for (Actor contact : contacts) {
                    contact.send(contact.presenceBuilder().setMode(round % 2 == 0 ? Presence.Mode.away
                            : Presence.Mode.available).setStatus("round " + round).build());
                }
                // messages spread evenly over the rounds
                while (sent < messages && (long) sent * changes <= (long) round * messages) {
                    Actor from = contacts.get(sent % contacts.size());
                    for (Observer to : List.of(plain, inactive)) {
                        chat(from, to, sent);
                    }
                    sent++;
                }
                for (Actor contact : contacts) {
                    contact.pingServer(); // every delivery of this round is done
                }
            }
            plain.sync("end");
            inactive.sync("end");
            Count plainCount = plain.count(plainStart, plainText);
            Count inactiveCount = inactive.count(inactiveStart, inactiveText);
            long flushStart = inactive.bytes();
            int flushText = inactive.text().length();
            inactive.session.send("<active xmlns='urn:xmpp:csi:0'/>");
            inactive.sync("active");
            return new Result(contactCount, changes, messages, plainCount, inactiveCount,
                    inactive.count(flushStart, flushText));
        } finally {
            contacts.forEach(Actor::close);
        }
    }

    private static void chat(Actor from, Observer to, int n) throws Exception {
        var jid = JidCreate.entityFullFrom(to.jid);
        from.send(from.connection().getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
                .addExtension(new ChatStateExtension(ChatState.composing)).build());
        from.send(from.connection().getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
                .setBody("message " + n + ": see you at the usual place at nine").addExtension(
                        new ChatStateExtension(ChatState.active)).build());
        from.send(from.connection().getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
                .addExtension(new ChatStateExtension(ChatState.active)).build());
    }

    /** One resource of the user, read continuously by its own thread so the server never finds it not reading. */
    private static final class Observer implements AutoCloseable {
        final RawTlsSession session;
        final String jid;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final Thread reader;

        private Observer(RawTlsSession session, String jid) {
            this.session = session;
            this.jid = jid;
            this.reader = new Thread(this::read, "csi-bench-" + jid);
            reader.setDaemon(true);
            reader.start();
        }

        static Observer login(TestServer server, Account account, String resource) throws Exception {
            RawTlsSession session = RawTlsSession.login(server.port(), server.trustManager(), account.local(),
                    account.password(), resource, 1 << 20);
            Observer observer = new Observer(session, account.local() + "@" + TestServer.DOMAIN + "/" + resource);
            session.send("<presence/>"); // available: gets the contacts' presence
            return observer;
        }

        private void read() {
            InputStream in = session.input();
            byte[] buffer = new byte[16384];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (received) {
                        received.write(buffer, 0, n);
                        received.notifyAll();
                    }
                }
            } catch (IOException e) {
                // closed at the end of the run
            }
        }

        long bytes() {
            synchronized (received) {
                return received.size();
            }
        }

        String text() {
            synchronized (received) {
                return received.toString(StandardCharsets.UTF_8);
            }
        }

        /** A ping to the server, and its answer read: everything written to this resource before it is counted. */
        void sync(String id) throws Exception {
            session.send("<iq type='get' id='" + id + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            long deadline = System.nanoTime() + WAIT.toNanos();
            synchronized (received) {
                while (!received.toString(StandardCharsets.UTF_8).contains("id=\"" + id + "\"")) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IllegalStateException(jid + ": no answer to ping " + id + " within " + WAIT);
                    }
                    received.wait(Math.max(1, left / 1_000_000));
                }
            }
        }

        /** What was read since {@code fromBytes} (and {@code fromChar} in the text), up to now. */
        Count count(long fromBytes, int fromChar) {
            String text = text().substring(fromChar);
            return new Count(bytes() - fromBytes, occurrences(text, "<presence"), occurrences(text, "<message"));
        }

        private static int occurrences(String text, String tag) {
            int n = 0;
            for (int i = text.indexOf(tag); i >= 0; i = text.indexOf(tag, i + 1)) {
                n++;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            session.close();
        }
    }
}
