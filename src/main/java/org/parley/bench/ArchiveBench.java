package org.parley.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.parley.archive.ArchiveDefault;
import org.parley.archive.ArchiveException;
import org.parley.archive.ArchivePage;
import org.parley.archive.ArchiveQuery;
import org.parley.archive.ArchiveService;
import org.parley.archive.ArchiveStore;
import org.parley.archive.ArchiveWriter;
import org.parley.archive.ArchivedMessage;
import org.parley.archive.Rsm;
import org.parley.xmpp.BareJid;

/**
 * The archive's benchmarks, straight over an {@link ArchiveStore} (no XMPP): fill an archive of N users × M messages
 * in large batches; time queries for a page from the middle of a user's archive (docs/performance.md, goal p99 ≤
 * 20 ms for 50 of 1,000 on 1,000,000); and measure the group-commit writer with several senders at once.
 */
public final class ArchiveBench {

    /** A typical chat message as routed, about 230 bytes of XML. */
    static final String STANZA = "<message xmlns=\"jabber:client\" from=\"%s/phone\" to=\"%s\" type=\"chat\""
            + " id=\"%08x\"><body>Message %d: shall I compare thee to a summer's day?</body>"
            + "<active xmlns=\"http://jabber.org/protocol/chatstates\"/></message>";

    private final BenchPopulation population;
    private final ArchiveStore store;

    public ArchiveBench(BenchPopulation population, ArchiveStore store) {
        this.population = Objects.requireNonNull(population, "population");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Appends {@code perUser} messages to each user's archive, round robin over the users (so each archive's rows
     * are spread over the whole table, as in real life), {@code batch} rows per transaction.
     *
     * @return rows appended
     */
    public long fill(int perUser, int batch) {
        long total = (long) perUser * population.users();
        List<ArchiveStore.Append> appends = new ArrayList<>(batch);
        Instant at = Instant.now().minusSeconds(total / 1000 + 1);
        for (long i = 0; i < total; i++) {
            int owner = (int) (i % population.users()) + 1;
            int other = owner % population.users() + 1;
            BareJid me = population.user(owner);
            String with = population.user(other).toString();
            boolean outgoing = (i / population.users()) % 2 == 0;
            appends.add(new ArchiveStore.Append(me, with, "phone", outgoing, at.plusMillis(i / population.users()),
                    String.format(STANZA, outgoing ? me : with, outgoing ? with : me, i, i)));
            if (appends.size() == batch) {
                store.appendAll(appends, 0);
                appends.clear();
            }
        }
        if (!appends.isEmpty()) {
            store.appendAll(appends, 0);
        }
        return total;
    }

    /** Latencies in microseconds, sorted. */
    public record Latencies(long[] micros) {
        public long percentile(double p) {
            return micros[Math.min(micros.length - 1, (int) Math.ceil(p / 100.0 * micros.length) - 1)];
        }
    }

    /**
     * Times {@code queries} queries, each for a page of {@code page} messages after the middle message of a random
     * user's archive (through {@link ArchiveService}, as the IQ handler calls it: id check, count and page), after
     * {@code queries / 10} untimed warm-up queries.
     */
    public Latencies queryMiddlePages(int queries, int page, boolean withFilter, long seed) throws ArchiveException {
        ArchiveService service = new ArchiveService(store, ArchiveDefault.ALWAYS, (a, b) -> false);
        Random random = new Random(seed);
        long[] micros = new long[queries];
        for (int q = -queries / 10; q < queries; q++) {
            int user = random.nextInt(population.users()) + 1;
            BareJid owner = population.user(user);
            String with = withFilter ? population.user(user % population.users() + 1).toString() : null;
            ArchiveStore.Range all = new ArchiveStore.Range(with, null, 1, Long.MAX_VALUE, null);
            long size = store.count(owner, all);
            // the id in the middle: read to it (not timed)
            List<ArchivedMessage> head = store.read(owner, all, false,
                    (int) Math.max(1, size / 2));
            String middle = head.get(head.size() - 1).archiveId();
            ArchiveQuery query = new ArchiveQuery(with, null, null, null, null, null, null,
                    new Rsm(page, middle, null), false);
            long started = System.nanoTime();
            ArchivePage result = service.query(owner, query);
            long took = (System.nanoTime() - started) / 1000;
            if (result.messages().isEmpty()) {
                throw new IllegalStateException("an empty page for " + owner);
            }
            if (q >= 0) {
                micros[q] = took;
            }
        }
        Arrays.sort(micros);
        return new Latencies(micros);
    }

    /** What the group-commit writer did. */
    public record Writes(long messages, long rows, long batches, long millis) {
        public double messagesPerSecond() {
            return messages * 1000.0 / Math.max(1, millis);
        }

        public double rowsPerBatch() {
            return rows / (double) Math.max(1, batches);
        }
    }

    /**
     * {@code senders} threads each archive {@code perSender} messages between two local users (two rows each)
     * through a new {@link ArchiveWriter}, each waiting for its commit as a sender's processing thread does.
     */
    public Writes groupCommit(int senders, int perSender, int maxBatch) throws Exception {
        ArchiveWriter writer = new ArchiveWriter(store, maxBatch, 0, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                BareJid from = population.user(s % population.users() + 1);
                BareJid to = population.user((s + 1) % population.users() + 1);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perSender; i++) {
                        String xml = String.format(STANZA, from, to, i, i);
                        writer.append(List.of(new ArchiveWriter.Draft(to, from.toString(), "phone", false, xml),
                                new ArchiveWriter.Draft(from, to.toString(), "phone", true, xml)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Writes((long) senders * perSender, writer.rows(), writer.batches(), millis);
    }
}
