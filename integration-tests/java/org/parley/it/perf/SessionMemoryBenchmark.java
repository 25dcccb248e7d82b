package org.parley.it.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.parley.it.support.TestServer;

/**
 * Retained memory of idle, logged-in TLS sessions (issue #5 item 3): a real server in this JVM ({@link TestServer}),
 * and {@link SessionClients} in a separate JVM logging in over loopback, so that nothing of the clients is counted.
 *
 * <p>The clients first open {@code warmup} sessions, so that classes, caches and pools that every server fills once
 * (JIT-compiled code aside, which is not on the heap) are already in the baseline. The baseline is the heap used after
 * a full GC; then {@code sessions} more sessions are opened and the heap is measured again the same way. The
 * difference over {@code sessions} is what one idle session retains. The same is done for the JDK's "direct" buffer
 * pool, and, where {@code jcmd} is available, for a class histogram of this JVM, whose largest differences show what
 * a session is made of.
 */
public final class SessionMemoryBenchmark {

    private static final String PASSWORD = "bench-password";
    private static final int CLIENT_THREADS = 4;
    private static final int HISTOGRAM_TOP = Integer.getInteger("parley.bench.histogram", 15);

    private SessionMemoryBenchmark() {
    }

    /** What {@link #run} measured; per-session figures are differences over {@code sessions}. */
    public record Result(int sessions, long heapBytes, long directBytes, List<String> histogramTop,
            List<String> retries) {

        public long heapPerSession() {
            return heapBytes / sessions;
        }

        public long directPerSession() {
            return directBytes / sessions;
        }

        /** The one-line summary a run prints, for the benchmark notes and for grepping build logs. */
        public String summary() {
            return "SESSION-MEMORY n=" + sessions + " heap_per_session=" + heapPerSession() + " B direct_per_session="
                    + directPerSession() + " B login_retries=" + retries.size();
        }
    }

    /** Runs the benchmark with {@code sessions} measured sessions on top of {@code warmup} ones. */
    public static Result run(int sessions, int warmup) throws Exception {
        // idle means idle: no keepalive ping (and its bookkeeping) during a long run; the defaults otherwise
        try (TestServer server = TestServer.start(Map.of("c2s.ping_interval", "86400"))) {
            String prefix = TestServer.uniqueName("mem");
            long start = System.nanoTime();
            createAccounts(server, prefix, warmup + sessions);
            phase("accounts", start);
            Process clients = startClients(server, prefix);
            try {
                LinkedBlockingQueue<String> lines = drain(clients);
                Writer commands = new OutputStreamWriter(clients.getOutputStream(), StandardCharsets.UTF_8);
                List<String> retries = new ArrayList<>();
                start = System.nanoTime();
                open(commands, lines, warmup, warmup, retries);
                phase("warm-up logins", start);
                start = System.nanoTime();
                long heapBefore = heapAfterFullGc();
                long directBefore = directBytes();
                Map<String, long[]> histogramBefore = Histogram.ofThisJvm();
                phase("baseline", start);

                start = System.nanoTime();
                open(commands, lines, sessions, warmup + sessions, retries);
                phase("logins", start);
                if (server.connectionCount() < warmup + sessions) {
                    throw new IllegalStateException("the server counts " + server.connectionCount()
                            + " connections, expected " + (warmup + sessions));
                }
                start = System.nanoTime();
                long heapAfter = heapAfterFullGc();
                long directAfter = directBytes();
                Map<String, long[]> histogramAfter = Histogram.ofThisJvm();
                phase("measurement", start);

                start = System.nanoTime();
                commands.close(); // end of input: the clients close their sockets and exit
                clients.waitFor(30, TimeUnit.SECONDS);
                phase("clients exit", start);
                return new Result(sessions, heapAfter - heapBefore, directAfter - directBefore,
                        Histogram.top(histogramBefore, histogramAfter, sessions, HISTOGRAM_TOP), List.copyOf(retries));
            } finally {
                clients.destroyForcibly();
                clients.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** By hand: {@code SessionMemoryBenchmark [sessions [warmup]]}, on the test class path. */
    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Result result = run(sessions, warmup);
        result.histogramTop().forEach(System.out::println);
        result.retries().forEach(System.out::println);
        System.out.println(result.summary());
    }

    private static void phase(String name, long startNanos) {
        System.out.printf("SESSION-MEMORY phase %s: %.1f s%n", name, (System.nanoTime() - startNanos) / 1e9);
    }

    private static void createAccounts(TestServer server, String prefix, int count) throws Exception {
        // PBKDF2 for the stored SCRAM credentials dominates: spread it over the cores
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String local = prefix + "-" + i;
                created.add(pool.submit(() -> server.createUser(local, PASSWORD)));
            }
            for (Future<?> account : created) {
                account.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Process startClients(TestServer server, String prefix) throws IOException, URISyntaxException {
        // SessionClients needs only the JDK, so the directory it was compiled into is its whole class path
        Path classes = Path.of(SessionClients.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path certificate = server.dir().resolve("certs/fullchain.pem");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", classes.toString(), SessionClients.class.getName(),
                Integer.toString(server.port()), TestServer.DOMAIN, certificate.toString(), prefix, PASSWORD,
                Integer.toString(CLIENT_THREADS));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Collects the client process's output lines, so a failure can show them. */
    private static LinkedBlockingQueue<String> drain(Process process) {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed: what was read so far is kept
            }
        }, "session-clients-output");
        thread.setDaemon(true);
        thread.start();
        return lines;
    }

    /**
     * Asks for {@code count} more sessions and waits for the clients to report {@code total} open; adds the logins
     * they had to try again to {@code retries}.
     */
    private static void open(Writer commands, LinkedBlockingQueue<String> lines, int count, int total,
            List<String> retries) throws IOException, InterruptedException {
        commands.write("open " + count + "\n");
        commands.flush();
        // generous: a login is a few milliseconds, but the machine may be shared
        long timeoutSeconds = 60 + count / 20L;
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.startsWith("FAILED")) {
                throw new IllegalStateException("clients did not report " + total + " sessions within "
                        + timeoutSeconds + " s; their output: " + seen + (line == null ? "" : " " + line));
            }
            if (line.equals("READY " + total)) {
                return;
            }
            if (line.startsWith("RETRY ")) {
                retries.add(line);
            }
            seen.add(line);
        }
    }

    /** Heap in use after full collections, repeated until two in a row agree (cleaners may free more). */
    private static long heapAfterFullGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            memory.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 256 * 1024) {
                return Math.min(previous, used);
            }
            previous = used;
        }
        return previous;
    }

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
    }
}
