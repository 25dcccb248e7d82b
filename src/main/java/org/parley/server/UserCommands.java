package org.parley.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.parley.account.AccountService;
import org.parley.account.ChangeResult;
import org.parley.account.RegistrationResult;
import org.parley.config.ServerConfig;
import org.parley.server.CommandLine.UsageException;
import org.parley.storage.Database;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;

/**
 * {@code user add|passwd|remove|list}: account administration on the configured data directory. The database is
 * opened in H2's auto-server mode, so these work whether or not the server is running; a running server sees the
 * change at once (it reads accounts from the database on every login).
 */
final class UserCommands {

    private final ServerConfig config;
    private final PrintStream out;
    private final PrintStream err;

    UserCommands(ServerConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    int execute(CommandLine line) throws UsageException {
        String action = line.word(1).orElseThrow(() -> new UsageException("'user' needs add, passwd, remove or list"));
        if (action.equals("list")) {
            if (line.words().size() > 2) {
                throw new UsageException("'user list' takes no arguments");
            }
            return withAccounts(accounts -> {
                List<BareJid> all = accounts.list();
                all.forEach(jid -> out.println(jid));
                return ParleyMain.OK;
            });
        }
        if (!List.of("add", "passwd", "remove").contains(action)) {
            throw new UsageException("unknown user command '" + action + "'");
        }
        if (line.words().size() != 3) {
            throw new UsageException("'user " + action + "' needs exactly one JID");
        }
        BareJid jid;
        try {
            jid = BareJid.parse(line.words().get(2), config.domain());
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad JID: " + e.getMessage());
        }
        if (!jid.domain().equals(config.domain())) {
            throw new UsageException("this server serves " + config.domain() + ", not " + jid.domain());
        }
        if (action.equals("remove")) {
            return withAccounts(accounts -> report(accounts.remove(jid), "removed " + jid, "no such user: " + jid));
        }
        String password = password(line, action.equals("add") ? "Password for new user " + jid + ": "
                : "New password for " + jid + ": ");
        if (action.equals("add")) {
            return withAccounts(accounts -> {
                RegistrationResult result = accounts.register(jid, password);
                return report(result instanceof RegistrationResult.Created, "created " + jid,
                        result instanceof RegistrationResult.Rejected r ? r.reason() : "user already exists: " + jid);
            });
        }
        return withAccounts(accounts -> {
            ChangeResult result = accounts.changePassword(jid, password);
            return report(result instanceof ChangeResult.Changed, "password changed for " + jid,
                    result instanceof ChangeResult.Rejected r ? r.reason() : "no such user: " + jid);
        });
    }

    /** Prints the outcome (success on standard output, failure on standard error) and returns the exit code. */
    private int report(boolean ok, String success, String failure) {
        if (ok) {
            out.println(success);
            return ParleyMain.OK;
        }
        err.println("parley: " + failure);
        return ParleyMain.FAILURE;
    }

    private interface AccountAction {
        int apply(AccountService accounts);
    }

    private int withAccounts(AccountAction action) {
        try (Database database = Database.openFile(config.dataDir(), 2)) {
            return action.apply(ServerBootstrap.accountService(config, database));
        } catch (StorageException e) {
            err.println("parley: storage failure: " + e.getMessage());
            return ParleyMain.FAILURE;
        }
    }

    /** From --password, else the console without echo, else one line of standard input. */
    private static String password(CommandLine line, String prompt) throws UsageException {
        if (line.password().isPresent()) {
            return line.password().get();
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            if (typed == null) {
                throw new UsageException("no password given");
            }
            return new String(typed);
        }
        try {
            String read = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (read == null) {
                throw new UsageException("no password given (use --password or standard input)");
            }
            return read;
        } catch (IOException e) {
            throw new UsageException("cannot read the password from standard input: " + e.getMessage());
        }
    }
}
