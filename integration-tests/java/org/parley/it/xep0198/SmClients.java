package org.parley.it.xep0198;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.parley.it.support.Clients;
import org.parley.it.support.TestServer;

/** Smack connections with XEP-0198 and resumption on, and a recorder of the numbered messages they receive. */
final class SmClients {

    private SmClients() {}

    /** A logged-in connection with stream management and resumption. */
    static XMPPTCPConnection login(TestServer server, String local, String password, String resource)
            throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(
                Clients.config(server, local, password).setResource(resource).build());
        connection.setUseStreamManagement(true);
        connection.setUseStreamManagementResumption(true);
        connection.setReplyTimeout(20_000);
        connection.connect().login();
        return connection;
    }

    /** Records the bodies {@code prefix<n>} of the messages a connection receives, in arrival order. */
    static final class Numbers {
        private final String prefix;
        private final List<Integer> received = new ArrayList<>();
        private final List<Message> messages = new ArrayList<>();
        private final CountDownLatch all;
        private final CountDownLatch some;

        Numbers(XMPPTCPConnection connection, String prefix, int total, int cutAfter) {
            this.prefix = prefix;
            this.all = new CountDownLatch(total);
            this.some = new CountDownLatch(cutAfter);
            connection.addSyncStanzaListener(stanza -> {
                if (stanza instanceof Message message && message.getBody() != null
                        && message.getBody().startsWith(prefix)) {
                    synchronized (this) {
                        received.add(Integer.parseInt(message.getBody().substring(prefix.length())));
                        messages.add(message);
                    }
                    some.countDown();
                    all.countDown();
                }
            }, stanza -> true);
        }

        CountDownLatch some() {
            return some;
        }

        CountDownLatch all() {
            return all;
        }

        synchronized List<Integer> received() {
            return List.copyOf(received);
        }

        synchronized List<Message> messages() {
            return List.copyOf(messages);
        }

        String prefix() {
            return prefix;
        }
    }
}
