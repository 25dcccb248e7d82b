package org.parley.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The real {@code parley.jar} run as a separate OS process, as an operator runs it: {@code java -jar parley.jar ...}.
 *
 * <p>Failsafe runs after {@code package} and passes the jar's path as the system property {@code parley.jar}. Each
 * process's standard output and standard error are drained by their own threads from the start, so the pipes never
 * fill; every line is kept for assertions and for printing when a test fails. Waiting for a line is event-driven
 * (the drain threads notify), and every wait is bounded.
 *
 * <p>A {@link Home} is one installation: a temporary directory holding an empty configuration file (so the
 * repository's {@code conf/} is never read), the data directory and the certificate directory. Its
 * {@link Home#start servers} and {@link Home#run commands} are tracked, so {@link Home#close()} can stop whatever a
 * test left running and {@link Home#transcript()} can show what every process printed.
 */
public final class ParleyProcess implements AutoCloseable {

    /** How long a server may take from launch to "Parley is up"; JVM start, Flyway and key generation included. */
    public static final Duration STARTUP = Duration.ofSeconds(60);
    /** How long a {@code user ...} command may take. */
    public static final Duration COMMAND = Duration.ofSeconds(60);
    /** How long {@link #close()} waits after SIGTERM before it kills the process. */
    private static final Duration DESTROY_GRACE = Duration.ofSeconds(20);

    private static final Pattern UP = Pattern.compile("Parley is up: domain (\\S+), clients on port (\\d+)");

    private final String label;
    private final Process process;
    private final Object lock = new Object();
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();
    private boolean stdoutEnded;
    private final Thread outDrain;
    private final Thread errDrain;

    private ParleyProcess(String label, Process process) {
        this.label = label;
        this.process = process;
        this.outDrain = drain(process.getInputStream(), stdout, "out", true);
        this.errDrain = drain(process.getErrorStream(), stderr, "err", false);
    }

    /** The exit status and everything a finished process printed. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    /** The jar under test, as failsafe passes it. */
    public static Path jar() {
        String jar = System.getProperty("parley.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property parley.jar must name the packaged jar (run with "
                    + "'mvn verify'), was: " + jar);
        }
        return Path.of(jar);
    }

    /** The java executable of the JVM running the tests. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static ParleyProcess launch(String label, Path workDir, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
            return new ParleyProcess(label + ": " + String.join(" ", args), process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private Thread drain(InputStream stream, List<String> lines, String tag, boolean isStdout) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (lock) {
                        lines.add(line);
                        transcript.add(tag + "| " + line);
                        lock.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process was killed: what was read so far is kept
            } finally {
                synchronized (lock) {
                    stdoutEnded |= isStdout;
                    lock.notifyAll();
                }
            }
        }, "parley-process-" + tag);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Writes {@code text} (if any) to the process's standard input and closes it. */
    private void feed(Optional<String> text) {
        try (OutputStream in = process.getOutputStream()) {
            if (text.isPresent()) {
                in.write(text.get().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process may already have exited without reading; its exit code tells the story
        }
    }

    /**
     * Waits until a standard-output line matches {@code pattern} and returns its match.
     *
     * @throws AssertionError if the process ends its output first, or on timeout
     */
    public Matcher awaitStdout(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            int checked = 0;
            while (true) {
                for (; checked < stdout.size(); checked++) {
                    Matcher matcher = pattern.matcher(stdout.get(checked));
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                if (stdoutEnded) {
                    throw new AssertionError("'" + label + "' ended its output without a line matching /" + pattern
                            + "/\n" + transcript());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no line matching /" + pattern + "/ from '" + label + "' within "
                            + timeout + "\n" + transcript());
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** Waits for the process to exit (bounded) and for its output to be read to the end. */
    public Result awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("'" + label + "' did not exit within " + timeout + "\n" + transcript());
        }
        // the pipes close when the process exits, so the drains finish promptly; bounded all the same
        outDrain.join(10_000);
        errDrain.join(10_000);
        synchronized (lock) {
            return new Result(process.exitValue(), joined(stdout), joined(stderr));
        }
    }

    /**
     * Sends SIGTERM, as an init system would. Through the {@link ProcessHandle}: {@link Process#destroy()} sends the
     * same signal on Linux but also closes our ends of the pipes, so what the server logs while stopping would be
     * lost.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Sends SIGKILL ({@code kill -9}): the server gets no chance to flush or close anything. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /** Everything printed so far, each line tagged {@code out|} or {@code err|}. */
    public String transcript() {
        synchronized (lock) {
            return "=== " + label + " ===\n" + joined(transcript);
        }
    }

    private static String joined(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /**
     * SIGTERM, then SIGKILL if the process has not exited within a bounded grace period; then lets the drain
     * threads read the last output (bounded), so that {@link #transcript()} is complete.
     */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                terminate();
                if (!process.waitFor(DESTROY_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(DESTROY_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            outDrain.join(10_000);
            errDrain.join(10_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One Parley installation in a temporary directory: {@code parley.properties} (empty), {@code data/} and
     * {@code certs/}. Every process it launches gets the test settings (domain {@value TestServer#DOMAIN},
     * 127.0.0.1 port 0, the RFC-minimum SCRAM iteration count, a 2 s shutdown grace) followed by the caller's
     * arguments; a later {@code --set} for the same key wins.
     */
    public static final class Home implements AutoCloseable {

        private final Path dir;
        private final List<ParleyProcess> processes = new ArrayList<>();

        private Home(Path dir) {
            this.dir = dir;
        }

        public static Home create() {
            try {
                Path dir = Files.createTempDirectory("parley-cli-it-");
                Files.writeString(dir.resolve("parley.properties"),
                        "# CLI test configuration: everything comes from --set\n");
                return new Home(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Path dir() {
            return dir;
        }

        public Path certificateFile() {
            return dir.resolve("certs/fullchain.pem");
        }

        /** The options that point a process at this installation. */
        public List<String> settings() {
            return List.of(
                    "--config", dir.resolve("parley.properties").toString(),
                    "--set", "domain=" + TestServer.DOMAIN,
                    "--set", "c2s.bind=127.0.0.1",
                    "--set", "c2s.port=0",
                    "--set", "proxy65.port=0",
                    "--set", "c2s.direct_tls.port=0",
                    "--set", "data.dir=" + dir.resolve("data"),
                    "--set", "tls.cert=" + certificateFile(),
                    "--set", "tls.key=" + dir.resolve("certs/privkey.pem"),
                    "--set", "account.scram.iterations=4096",
                    "--set", "shutdown.grace=2");
        }

        /** Launches {@code java -jar parley.jar <settings> <args>} with standard input closed, without waiting. */
        public ParleyProcess launch(String... args) {
            List<String> all = new ArrayList<>(settings());
            all.addAll(List.of(args));
            ParleyProcess process = track(ParleyProcess.launch("process", dir, all));
            process.feed(Optional.empty());
            return process;
        }

        /** Starts the server ({@code run} is the default command) and waits until it is up. */
        public Server start(String... extraArgs) throws InterruptedException {
            ParleyProcess process = launch(extraArgs);
            Matcher up = process.awaitStdout(UP, STARTUP);
            return new Server(process, Integer.parseInt(up.group(2)));
        }

        /** Runs a command to completion with standard input closed at once. */
        public Result run(String... args) throws InterruptedException {
            return runWithInput(Optional.empty(), args);
        }

        /** Runs a command to completion, writing {@code stdin} to its standard input and then closing it. */
        public Result runWithInput(Optional<String> stdin, String... args) throws InterruptedException {
            List<String> all = new ArrayList<>(settings());
            all.addAll(List.of(args));
            ParleyProcess process = track(ParleyProcess.launch("command", dir, all));
            try {
                process.feed(stdin);
                return process.awaitExit(COMMAND);
            } finally {
                process.close();
            }
        }

        /** Runs {@code java -jar parley.jar <args>} exactly as given, without this installation's settings. */
        public Result runBare(String... args) throws InterruptedException {
            ParleyProcess process = track(ParleyProcess.launch("command", dir, List.of(args)));
            try {
                process.feed(Optional.empty());
                return process.awaitExit(COMMAND);
            } finally {
                process.close();
            }
        }

        private synchronized ParleyProcess track(ParleyProcess process) {
            processes.add(process);
            return process;
        }

        /** What every process launched from this installation printed, in launch order. */
        public synchronized String transcript() {
            StringBuilder text = new StringBuilder();
            processes.forEach(p -> text.append(p.transcript()));
            return text.toString();
        }

        /** SHA-256 of the certificate file's bytes, hex. */
        public String certificateFingerprint() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(certificateFile())));
            } catch (Exception e) {
                throw new IllegalStateException("cannot fingerprint " + certificateFile(), e);
            }
        }

        /** A trust manager that trusts exactly the (first) certificate in {@code certs/fullchain.pem}. */
        public X509TrustManager trustManager() {
            try (InputStream in = Files.newInputStream(certificateFile())) {
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(in);
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("parley", certificate);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                return (X509TrustManager) tmf.getTrustManagers()[0];
            } catch (Exception e) {
                throw new IllegalStateException("cannot build a trust manager for " + certificateFile(), e);
            }
        }

        /** Stops every process still running (SIGTERM, then SIGKILL), then deletes the directory. */
        @Override
        public synchronized void close() {
            processes.forEach(ParleyProcess::close);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp directory does not affect other tests: each uses its own
            }
        }
    }

    /** A running server process and the client port it reported. */
    public record Server(ParleyProcess process, int port) {}
}
