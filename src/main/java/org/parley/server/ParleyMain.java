package org.parley.server;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.parley.config.ConfigException;
import org.parley.config.ConfigLoader;
import org.parley.config.ServerConfig;
import org.parley.server.CommandLine.UsageException;
import org.parley.tls.TlsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code parley.jar}: {@code run} (the default) starts the server; {@code user ...} manages accounts
 * in the same data directory, also while the server runs. Exit codes: 0 ok, 1 runtime failure, 2 usage error.
 */
public final class ParleyMain {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: java -jar parley.jar [COMMAND] [--config FILE] [--set key=value ...]

            commands:
              run                      start the server (the default)
              user add JID             create an account (password from --password or standard input)
              user passwd JID          set a new password (from --password or standard input)
              user remove JID          delete an account
              user list                list all accounts
              user list --online       list the online resources: JID/resource since TIME (ISO-8601, UTC)
              user list --offline      list the accounts not online: JID last seen TIME, or JID never seen
              user pending JID         list the subscription requests waiting for JID's answer:
                                       requester's JID, TIME received, the request stanza
              bench provision N R      load test population: user1..userN (password from --password,
                                       default 'pass'), each with the R neighbours userI-R/2..userI+R/2
                                       as contacts (subscription both); run with the server stopped
              bench mam N M Q S        archive benchmark on an empty data.dir: N users x M archived messages,
                                       Q timed middle-page queries, group commit with S senders

            options (every command):
              --config FILE            configuration file (default: conf/parley.properties if present)
              --set key=value          override one configuration key; repeatable
              --password PASSWORD      for 'user add' and 'user passwd' (prefer standard input: it stays out of
                                       the process list and shell history)
            A JID may be given as 'name' for an account on the configured domain.
            exit codes: 0 ok, 1 failure, 2 usage error
            """;

    private ParleyMain() {}

    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs a command and returns its exit code; {@code run} returns only after the server has stopped. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine line;
        ServerConfig config;
        try {
            line = CommandLine.parse(args);
            String command = line.word(0).orElse("run");
            if (command.equals("help")) {
                out.print(USAGE_TEXT);
                return OK;
            }
            if (command.equals("user") || command.equals("bench")) {
                // keep library INFO logs (pool, migrations) out of the command's output
                System.setProperty("parley.log.level", "WARN");
            } else if (!command.equals("run")) {
                throw new UsageException("unknown command '" + command + "'");
            } else if (!line.flags().isEmpty()) {
                throw new UsageException("option " + line.flags().get(0) + " is only for 'user list'");
            }
            config = ConfigLoader.load(line.config(), ConfigLoader.parseOverrides(line.sets()));
            if (command.equals("user")) {
                return new UserCommands(config, out, err).execute(line);
            }
            if (command.equals("bench")) {
                return new BenchCommands(config, out, err).execute(line);
            }
        } catch (UsageException | ConfigException e) {
            err.println("parley: " + e.getMessage());
            err.println("run 'java -jar parley.jar --help' for usage");
            return USAGE;
        }
        return run(config, err);
    }

    private static int run(ServerConfig config, PrintStream err) {
        Logger log = LoggerFactory.getLogger(ParleyMain.class);
        ParleyServer server;
        try {
            server = ServerBootstrap.start(config);
        } catch (java.io.IOException | TlsException | RuntimeException e) {
            log.error("Parley could not start: {}", e.getMessage(), e);
            err.println("parley: could not start: " + e.getMessage());
            return FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            log.info("shutdown requested");
            server.close();
            stopped.countDown();
        };
        ShutdownSignals.install(stop);
        ReloadSignal.install(server::reloadCertificate);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return OK;
    }
}
