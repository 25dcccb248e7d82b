package org.parley.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands out uniquely named accounts and logged-in {@link Actor}s for one test, and signs every actor off after it
 * (style.md §3.8): {@code @RegisterExtension final Actors actors = new Actors(SERVER::server);} next to a static
 * {@link ServerPerClass}.
 */
public final class Actors implements AfterEachCallback {

    private final Supplier<TestServer> server;
    private final List<Actor> started = new ArrayList<>();

    public Actors(Supplier<TestServer> server) {
        this.server = server;
    }

    /** A new account {@code prefix-N} on the class's server. */
    public Account account(String prefix) {
        return Account.create(server.get(), prefix);
    }

    /** Logs {@code account} in as a fresh resource; signed off after the test. */
    public Actor login(Account account) throws Exception {
        return track(account.login());
    }

    public Actor login(Account account, String resource) throws Exception {
        return track(account.login(resource));
    }

    /** A new account, logged in. */
    public Actor login(String prefix) throws Exception {
        return login(account(prefix));
    }

    private synchronized Actor track(Actor actor) {
        started.add(actor);
        return actor;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        for (Actor actor : started) {
            actor.close();
        }
        started.clear();
    }
}
