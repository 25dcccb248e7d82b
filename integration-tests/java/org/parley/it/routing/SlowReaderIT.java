package org.parley.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Clients;
import org.parley.it.support.RawTlsSession;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * Issue 11, "bounded everywhere": a recipient that stops reading. The server holds at most
 * {@code c2s.max_output_bytes} unread for it, then disconnects it; the sender keeps its session; every message is
 * either read by the slow client before the cut (it was on the wire) or stored offline and delivered at its next
 * sign-on: none lost, none twice.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SlowReaderIT {

    private static final int MESSAGES = 1500;
    private static final String FILLER = "x".repeat(4000);
    private static final Pattern NUMBER = Pattern.compile("slow-(\\d+) ");

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of(
            "c2s.max_output_bytes", "65536",
            // the sender's 6 MB would take 90 s at the default read rate of 64 KiB/s
            "c2s.read_rate", "104857600", "c2s.read_burst", "104857600",
            "offline.max_messages", "100000",
            "offline.max_bytes", "100000000"));

    @Test
    @DisplayName("a client that stops reading is cut off at c2s.max_output_bytes; its unread messages are stored"
            + " offline, the sender stays connected")
    void clientThatStopsReadingIsCutOffAndLosesNothing() throws Exception {
        TestServer server = SERVER.server();
        String slowName = TestServer.uniqueName("slow");
        server.createUser(slowName, "slow-reader-password");
        EntityFullJid slowJid = JidCreate.entityFullFrom(slowName + "@" + TestServer.DOMAIN + "/stalled");
        XMPPTCPConnection sender = Clients.loginNewUser(server, "sender");
        try (RawTlsSession slow = RawTlsSession.login(server.port(), server.trustManager(), slowName,
                "slow-reader-password", "stalled", 4096)) {
            slow.send("<presence/>");
            sender.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
            // the slow client now reads nothing while about 6 MB are sent to it
            for (int i = 0; i < MESSAGES; i++) {
                sender.sendStanza(sender.getStanzaFactory().buildMessageStanza().to(slowJid)
                        .ofType(Message.Type.chat).setBody("slow-" + i + " " + FILLER).build());
            }
            // after the cut every message is an H2 commit on the sender's processing thread: give it time
            sender.setReplyTimeout(180_000);
            sender.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
            assertThat(sender.isConnected()).as("the sender keeps its session").isTrue();

            // what reached the slow client's socket before the cut: it reads it now, up to the server's close
            String read = slow.readToEnd(Duration.ofSeconds(30));
            List<Integer> onTheWire = numbers(read);
            assertThat(onTheWire.size()).as("messages the slow client could still read").isLessThan(MESSAGES);

            // the rest waits offline for the next sign-on
            List<Integer> later = new ArrayList<>();
            XMPPTCPConnection again = Clients.login(server, slowName, "slow-reader-password");
            try {
                again.addSyncStanzaListener(stanza -> {
                    synchronized (later) {
                        later.addAll(numbers(((Message) stanza).getBody()));
                    }
                }, MessageTypeFilter.CHAT);
                again.sendStanza(again.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available)
                        .build());
                again.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
            } finally {
                again.disconnect();
            }
            Set<Integer> all = new HashSet<>(onTheWire);
            synchronized (later) {
                assertThat(later).as("offline messages after the cut").isNotEmpty().isSorted();
                assertThat(later).as("none of them was also read before the cut").doesNotContainAnyElementsOf(all);
                all.addAll(later);
                assertThat(onTheWire.size() + later.size()).as("no message twice").isEqualTo(all.size());
            }
            assertThat(all).as("every message, read before the cut or delivered offline").hasSize(MESSAGES);
        } finally {
            sender.disconnect();
        }
    }

    private static List<Integer> numbers(String text) {
        List<Integer> numbers = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(text == null ? "" : text);
        while (matcher.find()) {
            numbers.add(Integer.parseInt(matcher.group(1)));
        }
        return numbers;
    }
}
