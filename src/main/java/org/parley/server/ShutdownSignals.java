package org.parley.server;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop with exit code 0: streams closed with {@code system-shutdown},
 * database flushed and closed. A plain shutdown hook would do the same work but the JVM would then exit with 143.
 * A JVM shutdown hook remains as a fallback. SIGHUP does not stop the server: it reloads the certificate
 * ({@link ReloadSignal}).
 */
final class ShutdownSignals {

    private ShutdownSignals() {}

    static void install(Runnable stop) {
        AtomicBoolean once = new AtomicBoolean();
        Runnable stopOnce = () -> {
            if (once.compareAndSet(false, true)) {
                stop.run();
            }
        };
        for (String name : new String[] {"TERM", "INT"}) {
            // the handler runs on a JVM signal thread; stopping there lets the main thread return normally
            Signal.handle(new Signal(name), signal -> stopOnce.run());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stopOnce, "parley-shutdown"));
    }
}
