package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Clients;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * Logins under concurrency. On stock Vysper 0.7, 1–3 % of logins failed: a SASL {@code <auth>} overtook the stream
 * restart on its unordered thread pool, and a racy flag produced a second XML prolog. Parley processes each
 * connection's stanzas strictly in order, so none may fail.
 */
class LoginLoopIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @Test
    @DisplayName("300 full logins (STARTTLS, SASL, bind), 4 at a time: 0 failures")
    void threeHundredLogins() throws Exception {
        int logins = 300;
        String name = TestServer.uniqueName("looper");
        SERVER.server().createUser(name, "loop-password");
        AtomicInteger failures = new AtomicInteger();
        List<String> reasons = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < logins; i++) {
                futures.add(pool.submit(() -> {
                    XMPPTCPConnection connection = null;
                    try {
                        connection = Clients.login(SERVER.server(), name, "loop-password");
                        if (!connection.isAuthenticated()) {
                            throw new IllegalStateException("not authenticated");
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        synchronized (reasons) {
                            reasons.add(e.toString());
                        }
                    } finally {
                        if (connection != null) {
                            connection.disconnect();
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("LoginLoopIT: %d logins in %.1f s (%.1f logins/s), %d failures%n", logins, seconds,
                logins / seconds, failures.get());
        assertThat(reasons).as("failed logins").isEmpty();
    }
}
