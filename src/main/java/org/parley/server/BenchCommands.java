package org.parley.server;

import java.io.PrintStream;
import org.parley.account.AccountService;
import org.parley.account.ScramHash;
import org.parley.bench.BenchPopulation;
import org.parley.config.ServerConfig;
import org.parley.server.CommandLine.UsageException;
import org.parley.storage.Database;
import org.parley.storage.StorageException;
import org.parley.storage.h2.H2PopulationLoader;

/**
 * {@code bench provision USERS ROSTER}: writes the load kit's population ({@link BenchPopulation}) into the
 * configured data directory in one transaction. For load tests only: every account gets the same password
 * ({@code --password}, default {@code pass}) with one shared salt. Run it while the server is stopped: a running
 * server keeps the rosters of online users cached and would not see the rows change underneath it.
 */
final class BenchCommands {

    private final ServerConfig config;
    private final PrintStream out;
    private final PrintStream err;

    BenchCommands(ServerConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    int execute(CommandLine line) throws UsageException {
        if (line.word(1).filter("mam"::equals).isPresent()) {
            return new ArchiveBenchCommand(config, out, err).execute(line);
        }
        if (!line.word(1).filter("provision"::equals).isPresent() || line.words().size() != 4) {
            throw new UsageException("usage: bench provision USERS ROSTER [--password P] | bench mam USERS PER_USER"
                    + " QUERIES SENDERS");
        }
        if (!line.flags().isEmpty()) {
            throw new UsageException("option " + line.flags().get(0) + " is only for 'user list'");
        }
        BenchPopulation population;
        try {
            population = new BenchPopulation(config.domain(), Integer.parseInt(line.words().get(2)),
                    Integer.parseInt(line.words().get(3)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad population: " + e.getMessage());
        }
        String password = line.password().orElse("pass");
        long started = System.nanoTime();
        try (Database database = Database.openFile(config.dataDir(), 2)) {
            AccountService accounts = ServerBootstrap.accountService(config, database);
            long items = new H2PopulationLoader(database.dataSource()).load(population,
                    accounts.derive(ScramHash.SHA_1, password), accounts.derive(ScramHash.SHA_256, password));
            out.printf("provisioned %d users on %s with %d roster items in %d ms%n", population.users(),
                    population.domain(), items, (System.nanoTime() - started) / 1_000_000);
            return ParleyMain.OK;
        } catch (StorageException e) {
            err.println("parley: storage failure: " + e.getMessage());
            return ParleyMain.FAILURE;
        }
    }
}
