package org.parley.server;

import java.io.PrintStream;
import org.parley.account.AccountService;
import org.parley.account.ScramHash;
import org.parley.archive.ArchiveService;
import org.parley.bench.ArchiveBench;
import org.parley.bench.BenchPopulation;
import org.parley.config.ServerConfig;
import org.parley.server.CommandLine.UsageException;
import org.parley.storage.Database;
import org.parley.storage.h2.H2ArchiveStore;
import org.parley.storage.h2.H2PopulationLoader;

/**
 * {@code bench mam USERS PER_USER QUERIES SENDERS}: provisions USERS accounts in the configured (empty) data
 * directory, fills their archives with PER_USER messages each through {@link H2ArchiveStore}, times QUERIES queries
 * for a page of 50 from the middle of a random user's archive (without and with a 'with' filter), then measures the
 * group-commit writer with SENDERS concurrent senders (docs/performance.md). Run with the server stopped.
 */
final class ArchiveBenchCommand {

    private static final int FILL_BATCH = 5_000;
    private static final int PAGE = 50;
    private static final int WRITES_PER_SENDER = 500;

    private final ServerConfig config;
    private final PrintStream out;
    private final PrintStream err;

    ArchiveBenchCommand(ServerConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    int execute(CommandLine line) throws UsageException {
        if (line.words().size() != 6) {
            throw new UsageException("usage: bench mam USERS PER_USER QUERIES SENDERS");
        }
        int users;
        int perUser;
        int queries;
        int senders;
        BenchPopulation population;
        try {
            users = Integer.parseInt(line.words().get(2));
            perUser = Integer.parseInt(line.words().get(3));
            queries = Integer.parseInt(line.words().get(4));
            senders = Integer.parseInt(line.words().get(5));
            population = new BenchPopulation(config.domain(), users, 0);
            if (perUser < 2 || queries < 1 || senders < 1) {
                throw new IllegalArgumentException("PER_USER ≥ 2, QUERIES ≥ 1 and SENDERS ≥ 1");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad arguments: " + e.getMessage());
        }
        try (Database database = Database.openFile(config.dataDir(), Math.max(2, senders))) {
            AccountService accounts = ServerBootstrap.accountService(config, database);
            new H2PopulationLoader(database.dataSource()).load(population, accounts.derive(ScramHash.SHA_1, "pass"),
                    accounts.derive(ScramHash.SHA_256, "pass"));
            H2ArchiveStore store = new H2ArchiveStore(database.dataSource());
            ArchiveBench bench = new ArchiveBench(population, store);
            long started = System.nanoTime();
            long rows = bench.fill(perUser, FILL_BATCH);
            long fillMillis = (System.nanoTime() - started) / 1_000_000;
            out.printf("filled %d archived messages (%d users × %d) in %d ms: %.0f rows/s in batches of %d%n", rows,
                    users, perUser, fillMillis, rows * 1000.0 / Math.max(1, fillMillis), FILL_BATCH);
            for (boolean with : new boolean[] {false, true}) {
                ArchiveBench.Latencies l = bench.queryMiddlePages(queries, PAGE, with, 42);
                out.printf("query %d of %d from the middle%s, %d queries: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
                        + " max %.2f ms%n", PAGE, perUser, with ? " with 'with'" : "", queries,
                        l.percentile(50) / 1000.0, l.percentile(90) / 1000.0, l.percentile(99) / 1000.0,
                        l.percentile(100) / 1000.0);
            }
            for (int s : new int[] {1, senders}) {
                ArchiveBench.Writes w = bench.groupCommit(s, WRITES_PER_SENDER, 512);
                out.printf("group commit, %d sender(s) × %d messages (2 rows each): %.0f messages/s,"
                        + " %.1f rows per commit (%d commits)%n", s, WRITES_PER_SENDER, w.messagesPerSecond(),
                        w.rowsPerBatch(), w.batches());
            }
            out.printf("(page cap %d per query)%n", ArchiveService.MAX_PAGE);
            return ParleyMain.OK;
        } catch (Exception e) {
            err.println("parley: benchmark failed: " + e);
            return ParleyMain.FAILURE;
        }
    }
}
