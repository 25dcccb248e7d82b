package org.parley.it.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A uniquely named account on a {@link TestServer} (style.md rule 7), created directly through the server's account
 * service, from which a test logs in as many {@link Actor}s (resources) as it needs.
 */
public record Account(TestServer server, String local, String password) {

    private static final AtomicInteger RESOURCES = new AtomicInteger();

    /** Creates {@code prefix-N} with a password of its own. */
    public static Account create(TestServer server, String prefix) {
        String local = TestServer.uniqueName(prefix);
        String password = local + "-secret";
        server.createUser(local, password);
        return new Account(server, local, password);
    }

    public EntityBareJid jid() {
        return JidCreate.entityBareFromOrThrowUnchecked(local + "@" + TestServer.DOMAIN);
    }

    /** Logs in as {@code resource}: no initial presence, no roster request (style.md §3.8). */
    public Actor login(String resource) throws Exception {
        return Actor.login(this, resource);
    }

    /** Logs in with a fresh resource name ({@code r-N}). */
    public Actor login() throws Exception {
        return login("r-" + RESOURCES.incrementAndGet());
    }
}
