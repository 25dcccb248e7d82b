package org.parley.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes archived messages older than {@code mam.retention}, on a thread of its own, in small batches (one short
 * transaction each), so that it never holds the archive's writers up for long however much has expired. Runs once
 * at start and then every {@link #interval(Duration)}.
 */
public final class ArchiveRetention implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRetention.class);

    /** Rows deleted per transaction. */
    static final int BATCH = 500;

    /** Batches per run at most; the next run goes on where this one stopped. */
    private static final int MAX_BATCHES_PER_RUN = 10_000;

    private final ArchiveStore store;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    private ArchiveRetention(ArchiveStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "archive-retention");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the job; {@code retention} must be positive. */
    public static ArchiveRetention start(ArchiveStore store, Duration retention, Clock clock) {
        Objects.requireNonNull(store, "store");
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        ArchiveRetention job = new ArchiveRetention(store, retention, Objects.requireNonNull(clock, "clock"));
        long every = interval(retention).toMillis();
        job.timer.scheduleWithFixedDelay(job::runOnce, 0, every, TimeUnit.MILLISECONDS);
        return job;
    }

    /** A tenth of the retention, between one second and one hour: expired messages do not linger long. */
    static Duration interval(Duration retention) {
        Duration tenth = retention.dividedBy(10);
        if (tenth.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return tenth.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : tenth;
    }

    /** One pass: deletes in batches until nothing older than the cutoff is left; returns how many. */
    public long runOnce() {
        long deleted = 0;
        try {
            Instant cutoff = clock.instant().minus(retention);
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                int n = store.deleteOlderThan(cutoff, BATCH);
                deleted += n;
                if (n < BATCH) {
                    break;
                }
            }
            if (deleted > 0) {
                LOG.info("archive retention: deleted {} messages older than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            // the next run tries again; a failure here must not end the timer
            LOG.error("archive retention failed after deleting {} messages", deleted, e);
        }
        return deleted;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
