package org.parley.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the certificate files every interval and runs an action when any of them changed.
 *
 * <p>A cheap stat per file rather than a {@code WatchService}: certbot renews by writing new files under
 * {@code archive/} and re-pointing the symbolic links in {@code live/}, and a directory watch sees neither a change
 * behind a link nor one in a directory it does not watch. Each file's stamp follows links: the real path, the
 * identity of the file (device and inode where the platform has them, so a file replaced by a rename counts as
 * changed), its size and its modification time. The stamp is taken before the action reads the files, so a renewal
 * that replaces the chain and the key one after the other is seen again at the next check if the first read caught
 * it half done.
 */
public final class CertificateWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateWatcher.class);

    /** What one file looked like at one check; {@link #MISSING} when it could not be read. */
    record Stamp(String realPath, Object fileKey, long size, long modifiedNanos) {
        static final Stamp MISSING = new Stamp("", "", -1, -1);
    }

    private final List<Path> files;
    private final Runnable onChange;
    private final ScheduledExecutorService timer;
    private List<Stamp> last;

    CertificateWatcher(List<Path> files, Runnable onChange) {
        this.files = List.copyOf(files);
        this.onChange = onChange;
        this.last = stamps(this.files);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-tls-watch");
            thread.setDaemon(true); // never what keeps the JVM alive
            return thread;
        });
    }

    /**
     * Starts checking {@code files} every {@code interval}; {@code onChange} runs on the watcher's own thread after a
     * check that found a difference from the previous one.
     */
    public static CertificateWatcher start(List<Path> files, Duration interval, Runnable onChange) {
        Objects.requireNonNull(onChange, "onChange");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the interval must be positive, got " + interval);
        }
        CertificateWatcher watcher = new CertificateWatcher(files, onChange);
        long millis = interval.toMillis();
        watcher.timer.scheduleWithFixedDelay(watcher::check, millis, millis, TimeUnit.MILLISECONDS);
        LOG.info("checking {} for a new certificate every {} s", watcher.files, interval.toSeconds());
        return watcher;
    }

    /** One check; package-private so tests can run it without waiting. Returns whether the files changed. */
    boolean check() {
        try {
            List<Stamp> now = stamps(files);
            if (now.equals(last)) {
                return false;
            }
            last = now;
            LOG.info("certificate files changed, reloading");
            onChange.run();
            return true;
        } catch (RuntimeException e) {
            // an exception would cancel the schedule for good; log it and try again at the next check
            LOG.warn("certificate check failed: {}", e.toString(), e);
            return false;
        }
    }

    static List<Stamp> stamps(List<Path> files) {
        return files.stream().map(CertificateWatcher::stamp).toList();
    }

    /** The stamp of one file, following symbolic links. */
    static Stamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Object key = attributes.fileKey();
            return new Stamp(file.toRealPath().toString(), key == null ? "" : key, attributes.size(),
                    attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        } catch (IOException e) {
            // e.g. in the middle of a renewal; the reload that follows says what is wrong
            return Stamp.MISSING;
        }
    }

    /** Stops the checks; a reload in progress is interrupted only between files, then the thread ends. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            // so that a stopped server leaves no thread behind (LifecycleIT)
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
