package org.parley.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Actors;
import org.parley.it.support.Bystanders;
import org.parley.it.support.Clients;
import org.parley.it.support.RawXmppClient;
import org.parley.it.support.ServerPerClass;
import org.parley.server.vysper.StreamMutator;

/**
 * Issue #4: seeded random mutations of valid client streams over real sockets (the decoder alone takes thousands in
 * {@code XmlStreamDecoderFuzzTest}). The server never leaks a connection or a thread and keeps serving the users
 * who were there before.
 */
class StreamFuzzIT {

    private static final long SEED = 4_4L;
    private static final int CASES = 150;

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("150 mutated client streams: no leaked connection or thread; bystanders keep chatting")
    void mutatedStreams() throws Exception {
        Bystanders bystanders = Bystanders.connect(actors);
        int connectionsBefore = SERVER.server().connectionCount();
        Set<String> threadsBefore = threadNames();
        Random random = new Random(SEED);
        for (int n = 0; n < CASES; n++) {
            try (RawXmppClient raw = new RawXmppClient(SERVER.server().port())) {
                raw.sendBytes(StreamMutator.randomCase(random));
                // most cases end in a stream error at once; the rest wait for more input, and we hang up
                raw.readUntil("</stream:stream>", Duration.ofMillis(50));
            } catch (IOException e) {
                // the server may close before we finished sending: that is one of the outcomes
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (SERVER.server().connectionCount() > connectionsBefore && System.nanoTime() < deadline) {
            // polling a count MINA offers no event for; a connection closes within milliseconds of its error
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertThat(SERVER.server().connectionCount()).as("open connections after the fuzz")
                .isEqualTo(connectionsBefore);
        // Only bounded pools may grow: the processing pool (parley-c2s-N, at most processing.threads) and MINA's
        // I/O processors (one per CPU + 1; "pool-N-thread-M" while idle). Smack's threads are the bystanders'.
        Set<String> started = threadNames();
        started.removeAll(threadsBefore);
        assertThat(started.size()).as("new threads: %s", started)
                .isLessThanOrEqualTo(16 + Runtime.getRuntime().availableProcessors() + 1);
        started.removeIf(name -> name.startsWith("parley-c2s-") || name.startsWith("NioProcessor-")
                || name.matches("pool-\\d+-thread-\\d+") || name.contains("Smack"));
        assertThat(started).as("threads started during the fuzz: %s", describe(started)).isEmpty();
        bystanders.assertStillChatting(5);
        Clients.loginNewUser(SERVER.server(), "after-fuzz").disconnect();
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static String describe(Set<String> names) {
        StringBuilder text = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (names.contains(thread.getName())) {
                text.append(thread.getName()).append(java.util.Arrays.toString(stack)).append('\n');
            }
        });
        return text.toString();
    }
}
