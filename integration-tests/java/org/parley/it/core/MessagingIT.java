package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Clients;
import org.parley.it.support.ServerPerClass;

/** RFC 6120 §8 / RFC 6121 §5: one-to-one messages between two logged-in users, delivered intact and in order. */
class MessagingIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @Test
    @DisplayName("RFC 6121 §5.1: a chat message to a full JID arrives with the sender's full JID as 'from'")
    void messageBetweenTwoUsers() throws Exception {
        XMPPTCPConnection a = Clients.loginNewUser(SERVER.server(), "alice");
        XMPPTCPConnection b = Clients.loginNewUser(SERVER.server(), "bob");
        try {
            BlockingQueue<Stanza> inbox = new LinkedBlockingQueue<>();
            b.addSyncStanzaListener(inbox::add, MessageTypeFilter.CHAT);
            a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(b.getUser()).ofType(Message.Type.chat)
                    .setBody("Hello Bob <&> \u00e9\u4e2d\ud83d\ude00").build());
            Message received = (Message) inbox.poll(10, TimeUnit.SECONDS);
            assertThat(received).as("message delivered within 10 s").isNotNull();
            assertThat(received.getBody()).isEqualTo("Hello Bob <&> \u00e9\u4e2d\ud83d\ude00");
            assertThat(received.getFrom().toString()).isEqualTo(a.getUser().toString());
            assertThat(received.getTo().toString()).isEqualTo(b.getUser().toString());
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    @DisplayName("20,000 sequence-numbered chat messages arrive complete and in order (0 reorderings)")
    void twentyThousandMessagesInOrder() throws Exception {
        int count = 20_000;
        XMPPTCPConnection a = Clients.loginNewUser(SERVER.server(), "alice");
        XMPPTCPConnection b = Clients.loginNewUser(SERVER.server(), "bob");
        try {
            List<Integer> received = new ArrayList<>(count);
            Object lock = new Object();
            // a sync listener is called in arrival order, one stanza at a time
            b.addSyncStanzaListener(stanza -> {
                synchronized (lock) {
                    received.add(Integer.parseInt(((Message) stanza).getBody()));
                    lock.notifyAll();
                }
            }, MessageTypeFilter.CHAT);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(b.getUser()).ofType(Message.Type.chat)
                        .setBody(Integer.toString(i)).build());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            synchronized (lock) {
                while (received.size() < count && System.nanoTime() < deadline) {
                    lock.wait(1000);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int reorderings = 0;
            synchronized (lock) {
                for (int i = 1; i < received.size(); i++) {
                    if (received.get(i) != received.get(i - 1) + 1) {
                        reorderings++;
                    }
                }
                System.out.printf("MessagingIT: %d of %d messages in %.1f s (%.0f msg/s), %d reorderings%n",
                        received.size(), count, seconds, received.size() / seconds, reorderings);
                assertThat(received).as("all messages delivered").hasSize(count);
                assertThat(reorderings).as("messages out of sequence").isZero();
                assertThat(received.get(0)).isZero();
            }
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    @DisplayName("RFC 6120 §10.4.3 (federation off): a message to another domain bounces with remote-server-not-found")
    void messageToForeignDomainBounces() throws Exception {
        XMPPTCPConnection a = Clients.loginNewUser(SERVER.server(), "alice");
        try {
            BlockingQueue<Stanza> inbox = new LinkedBlockingQueue<>();
            a.addSyncStanzaListener(inbox::add, MessageTypeFilter.ERROR);
            a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("x@example.org"))
                    .ofType(Message.Type.chat).setBody("hi").build());
            Stanza bounce = inbox.poll(10, TimeUnit.SECONDS);
            assertThat(bounce).as("error bounce").isNotNull();
            assertThat(bounce.getError().getCondition().toString()).isEqualTo("remote-server-not-found");
        } finally {
            a.disconnect();
        }
    }
}
