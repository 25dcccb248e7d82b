package org.parley.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.account.AccountService;
import org.parley.account.ChangeResult;
import org.parley.account.RegistrationResult;
import org.parley.config.ServerConfig;
import org.parley.presence.PresenceStore;
import org.parley.presence.PresenceStore.OnlineResource;
import org.parley.server.CommandLine.UsageException;
import org.parley.storage.Database;
import org.parley.storage.StorageException;
import org.parley.storage.h2.H2PresenceStore;
import org.parley.storage.h2.H2RosterStore;
import org.parley.subscription.SubscriptionRequest;
import org.parley.subscription.SubscriptionRequestStore;
import org.parley.xmpp.BareJid;

/**
 * {@code user add|passwd|remove|list|pending}: account administration on the configured data directory. The
 * database is opened in H2's auto-server mode, so these work whether or not the server is running; a running server
 * sees the change at once (it reads accounts from the database on every login).
 *
 * <p>{@code user list --online} reads the online list the server keeps in the database ({@link PresenceStore}). That
 * list is only as alive as the process that wrote it, so it is shown only while the server process recorded with
 * it is alive; otherwise nobody is online, whatever rows a killed server left behind.
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
        String action = line.word(1).orElseThrow(
                () -> new UsageException("'user' needs add, passwd, remove, list or pending"));
        if (action.equals("list")) {
            return list(line);
        }
        if (!List.of("add", "passwd", "remove", "pending").contains(action)) {
            throw new UsageException("unknown user command '" + action + "'");
        }
        if (!line.flags().isEmpty()) {
            throw new UsageException("option " + line.flags().get(0) + " is only for 'user list'");
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
        if (action.equals("pending")) {
            return pending(jid);
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

    private int list(CommandLine line) throws UsageException {
        if (line.words().size() > 2) {
            throw new UsageException("'user list' takes no arguments");
        }
        Set<String> flags = Set.copyOf(line.flags());
        if (flags.size() > 1) {
            throw new UsageException("'user list' takes --online or --offline, not both");
        }
        if (flags.contains("--online")) {
            return withDatabase(this::listOnline);
        }
        if (flags.contains("--offline")) {
            return withDatabase(this::listOffline);
        }
        return withAccounts(accounts -> {
            accounts.list().forEach(jid -> out.println(jid));
            return ParleyMain.OK;
        });
    }

    /** {@code user list --online}: one {@code user@domain/resource since <instant>} line per online resource. */
    private int listOnline(Database database) {
        PresenceStore presence = new H2PresenceStore(database.dataSource());
        OptionalLong pid = presence.serverPid();
        if (!isServerRunning(pid)) {
            // Not an error: "nobody is online" is the answer. Standard error, so that scripts reading the list
            // get an empty one.
            err.println("parley: the server is not running (" + (pid.isEmpty()
                    ? "no server has started with data directory " + config.dataDir()
                    : "its process " + pid.getAsLong() + " has exited") + "), so nobody is online");
            return ParleyMain.OK;
        }
        presence.online().forEach(online -> out.println(
                online.user() + "/" + online.resource() + " since " + online.since()));
        return ParleyMain.OK;
    }

    /** {@code user list --offline}: each account that is not online, with the time of its last presence. */
    private int listOffline(Database database) {
        PresenceStore presence = new H2PresenceStore(database.dataSource());
        Set<BareJid> online = isServerRunning(presence.serverPid())
                ? presence.online().stream().map(OnlineResource::user).collect(Collectors.toSet())
                : Set.of();
        for (BareJid jid : ServerBootstrap.accountService(config, database).list()) {
            if (!online.contains(jid)) {
                out.println(presence.last(jid).map(last -> jid + " last seen " + last.at())
                        .orElse(jid + " never seen"));
            }
        }
        return ParleyMain.OK;
    }

    /**
     * Whether the server process recorded in the database is running. The CLI's own PID never counts: this process is
     * not the server, so a server that died left its PID behind and the operating system gave it to us.
     */
    static boolean isServerRunning(OptionalLong recordedPid) {
        if (recordedPid.isEmpty() || recordedPid.getAsLong() == ProcessHandle.current().pid()) {
            return false;
        }
        return ProcessHandle.of(recordedPid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code user pending JID}: one {@code requester received-at stanza} line per request, oldest first. */
    private int pending(BareJid jid) {
        return withDatabase(database -> {
            if (!ServerBootstrap.accountService(config, database).exists(jid)) {
                return report(false, "", "no such user: " + jid);
            }
            SubscriptionRequestStore requests = new H2RosterStore(database.dataSource());
            for (SubscriptionRequest request : requests.pendingFor(jid)) {
                out.println(request.from() + " " + request.receivedAt() + " " + oneLine(request.stanza()));
            }
            return ParleyMain.OK;
        });
    }

    /**
     * The stanza with its line breaks written as character references, so that each request stays on one line for
     * {@code grep} and {@code cut}. An XML parser reads the same text back, except inside an attribute value, where
     * it now keeps a line break that it would have read as a space.
     */
    static String oneLine(String stanza) {
        return stanza.replace("\r", "&#13;").replace("\n", "&#10;");
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

    private interface DatabaseAction {
        int apply(Database database);
    }

    private int withAccounts(AccountAction action) {
        return withDatabase(database -> action.apply(ServerBootstrap.accountService(config, database)));
    }

    private int withDatabase(DatabaseAction action) {
        try (Database database = Database.openFile(config.dataDir(), 2)) {
            return action.apply(database);
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
