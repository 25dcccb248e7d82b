package org.parley.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Actor;
import org.parley.it.support.HomePerTest;
import org.parley.it.support.ParleyProcess.Home;
import org.parley.it.support.ParleyProcess.Result;
import org.parley.it.support.ParleyProcess.Server;
import org.parley.it.support.TestServer;

/**
 * Issue 11, "durable before acknowledged": a client sends messages to an offline contact with an XEP-0199 ping to the
 * server after every tenth; the server process is killed with {@code kill -9} at a random moment while they flow;
 * after a restart the contact signs on. Every message sent before a ping the server answered must arrive, in order,
 * once (RFC 6120 §10.1: the server processes a client's stanzas in order, so answering the ping says it dealt with
 * every message before it; the router stores them on the sender's processing thread before the ping is read).
 * Before issue 11, in a run of this test 20 of 280 acknowledged messages arrived.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashAfterAckIT {

    private static final String DOMAIN = TestServer.DOMAIN;
    private static final int MESSAGES = 500;
    private static final String PREFIX = "crash-test #";

    private final EntityBareJid bob = JidCreate.entityBareFromOrThrowUnchecked("bob@" + DOMAIN);
    private final List<Actor> actors = new ArrayList<>();
    private Home home;

    @RegisterExtension
    final HomePerTest homes = new HomePerTest();

    @BeforeEach
    void useInstallation() {
        home = homes.home();
    }

    @AfterEach
    void signOff() {
        actors.forEach(Actor::kill); // the first server is gone: no goodbye to write
    }

    @RepeatedTest(2)
    @DisplayName("kill -9 while a client sends messages to an offline user: every message before an answered ping"
            + " arrives after the restart, in order, once")
    void acknowledgedMessagesSurviveKillDashNine() throws Exception {
        Server first = home.start();
        createUser("alice");
        createUser("bob");
        Actor alice = login(first, "alice", "laptop");

        // the highest message index followed by a ping the server answered
        AtomicInteger acknowledged = new AtomicInteger(-1);
        long killAfterMillis = ThreadLocalRandom.current().nextLong(150, 900);
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        killer.schedule(() -> first.process().kill(), killAfterMillis, TimeUnit.MILLISECONDS);
        int sent = 0;
        try {
            for (int i = 0; i < MESSAGES; i++) {
                alice.message(bob, Message.Type.chat, PREFIX + i);
                sent = i + 1;
                if (i % 10 == 9) {
                    int upTo = i;
                    IQ ping = new Ping(JidCreate.domainBareFrom(DOMAIN));
                    SmackFuture<IQ, Exception> answer = alice.connection().sendIqRequestAsync(ping);
                    answer.onSuccess(result -> acknowledged.accumulateAndGet(upTo, Math::max));
                    if (i % 50 == 49) {
                        // paced by the server's own answers, so the run spans the kill window
                        answer.getOrThrow();
                    }
                }
            }
        } catch (Exception e) {
            // the connection broke under the sender: that is the kill
        }
        killer.shutdown();
        killer.awaitTermination(10, TimeUnit.SECONDS);
        first.process().kill(); // in case every message went through before the kill was due
        first.process().awaitExit(Duration.ofSeconds(20));
        int acked = acknowledged.get();

        Server second = home.start();
        Actor bobAfter = login(second, "bob", "phone");
        bobAfter.available();
        bobAfter.pingServer(); // processed after the initial presence, whose handling delivers the stored messages

        List<Integer> received = new ArrayList<>();
        for (Stanza stanza : bobAfter.inbox().received()) {
            if (stanza instanceof Message message && message.getBody() != null
                    && message.getBody().startsWith(PREFIX)) {
                received.add(Integer.parseInt(message.getBody().substring(PREFIX.length())));
            }
        }
        List<Integer> prefix = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            prefix.add(i);
        }
        assertThat(received)
                .as("messages after kill -9 at %d ms (sent %d, acknowledged up to #%d): a gap-free prefix, once each,"
                        + " in order", killAfterMillis, sent, acked)
                .isEqualTo(prefix);
        assertThat(received.size()).as("every acknowledged message arrived (acknowledged up to #%d)", acked)
                .isGreaterThan(acked);
    }

    private void createUser(String local) throws InterruptedException {
        Result added = home.run("user", "add", local, "--password", local + "-crash-password");
        assertThat(added.exitCode()).as("%s", added).isZero();
    }

    private Actor login(Server server, String local, String resource) throws Exception {
        Actor actor = Actor.login(server.port(), home.trustManager(), local, local + "-crash-password", resource);
        actors.add(actor);
        return actor;
    }
}
