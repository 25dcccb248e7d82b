package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.it.support.Clients;
import org.parley.it.support.RawXmppClient;
import org.parley.it.support.TestServer;

/** Start, idle connections and stop: streams end as RFC 6120 says, and nothing is left running. */
class LifecycleIT {

    private static final List<String> SERVER_THREADS = List.of("parley-", "NioProcessor", "NioSocketAcceptor",
            "H2 TCP", "MVStore");

    @Test
    @DisplayName("RFC 6120 §4.9.3.22: stop sends system-shutdown to clients, then every server thread ends")
    void stopEndsStreamsAndThreads() throws Exception {
        TestServer server = TestServer.start();
        String name = TestServer.uniqueName("leaver");
        server.createUser(name, "leaver-password");
        XMPPTCPConnection connection = Clients.login(server, name, "leaver-password");
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closed.complete(e);
            }
        });
        assertThat(liveServerThreads()).extracting(Thread::getName).as("the names this test watches")
                .anyMatch(n -> n.startsWith("parley-c2s-")).anyMatch(n -> n.startsWith("NioProcessor"));
        server.close();
        Exception error = closed.get(10, TimeUnit.SECONDS);
        assertThat(error).isInstanceOfSatisfying(StreamErrorException.class, e -> assertThat(
                e.getStreamError().getCondition()).isEqualTo(StreamError.Condition.system_shutdown));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (Thread thread : liveServerThreads()) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        assertThat(liveServerThreads()).extracting(Thread::getName)
                .as("server threads still alive after stop").isEmpty();
    }

    @Test
    @DisplayName("RFC 6120 §4.9.3.4: a connection silent for c2s.idle_timeout gets connection-timeout and is closed")
    void idleConnectionTimesOut() throws Exception {
        try (TestServer server = TestServer.start(Map.of("c2s.idle_timeout", "10"))) {
            try (RawXmppClient raw = new RawXmppClient(server.port())) {
                raw.openStream(TestServer.DOMAIN);
                raw.readUntil("</stream:features>", Duration.ofSeconds(10));
                long start = System.nanoTime();
                assertThat(raw.awaitClose(Duration.ofSeconds(30))).as("closed by the server").isTrue();
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                assertThat(seconds).isBetween(8L, 25L);
                assertThat(raw.text()).contains("<connection-timeout").endsWith("</stream:stream>");
            }
        }
    }

    private static List<Thread> liveServerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> SERVER_THREADS.stream().anyMatch(thread.getName()::startsWith))
                .toList();
    }
}
