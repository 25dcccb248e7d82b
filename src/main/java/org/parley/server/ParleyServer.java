package org.parley.server;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.parley.account.AccountService;
import org.parley.server.vysper.VysperRuntime;
import org.parley.tls.ReloadableTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Parley server: what {@link ServerBootstrap#start} returns. Closing it shuts down in reverse start order:
 * streams are ended with {@code system-shutdown}, delivery threads stop, then the database is closed.
 */
public final class ParleyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);

    private final VysperRuntime xmpp;
    private final AccountService accounts;
    private final ReloadableTls tls;
    private final List<AutoCloseable> resources;
    private boolean closed;

    ParleyServer(VysperRuntime xmpp, AccountService accounts, ReloadableTls tls, List<AutoCloseable> resources) {
        this.xmpp = xmpp;
        this.accounts = accounts;
        this.tls = tls;
        this.resources = new ArrayList<>(resources);
    }

    /** The direct TLS (XEP-0368) port actually bound; empty when {@code c2s.direct_tls.enabled=false}. */
    public OptionalInt directTlsPort() {
        return xmpp.directTlsPort();
    }

    /**
     * Re-reads the certificate files (what SIGHUP does): new connections get the new certificate, open ones keep
     * theirs, and a broken file leaves the certificate in use unchanged. Safe to call from any thread.
     */
    public ReloadableTls.Outcome reloadCertificate() {
        return tls.reload();
    }

    /** The SHA-256 fingerprint of the certificate new connections get. */
    public String certificateFingerprint() {
        return tls.material().sha256Fingerprint();
    }

    /** The client (c2s) port actually bound; useful when configured as 0. */
    public int c2sPort() {
        return xmpp.c2sPort();
    }

    /** Open client connections. */
    public int connectionCount() {
        return xmpp.connectionCount();
    }

    /** The class of the handler that serves a stanza given as XML text (see {@link VysperRuntime#handlerFor}). */
    public String handlerFor(String stanzaXml) {
        return xmpp.handlerFor(stanzaXml);
    }

    /** The account service this server authenticates against (for embedding and tests). */
    public AccountService accounts() {
        return accounts;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        xmpp.close();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.error("failed to close {}", resources.get(i), e);
            }
        }
        LOG.info("Parley stopped");
    }
}
