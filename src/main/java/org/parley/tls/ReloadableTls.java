package org.parley.tls;

import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS context as it is now, replaceable while the server runs: a renewed certificate (Let's Encrypt
 * renews every 60 to 90 days) is taken without a restart.
 *
 * <p>Listeners call {@link #get()} for every new handshake, so new connections get the newest certificate while open
 * ones keep the engine they started with. {@link #reload()} only ever replaces a working context with another working
 * one: a new file that cannot be read, or whose key does not match, is reported and the old context stays in use, so
 * the server never ends up presenting nothing.
 */
public final class ReloadableTls implements Supplier<TlsContextFactory> {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadableTls.class);

    /** Reads the installed certificate and key again; never generates one. */
    @FunctionalInterface
    public interface Source {
        TlsMaterial load() throws TlsException;
    }

    /** What a {@link #reload()} did. */
    public sealed interface Outcome {
        /** A different certificate is now in use. */
        record Replaced(String oldSha256, String newSha256) implements Outcome {}

        /** The files hold the certificate already in use. */
        record Unchanged(String sha256) implements Outcome {}

        /** The files could not be used; the certificate with {@code sha256} stays in use. */
        record Failed(String sha256, String reason) implements Outcome {}
    }

    private final Source source;
    // volatile: read by I/O threads for each new handshake, written by the reloading thread
    private volatile Current current;

    private record Current(TlsMaterial material, TlsContextFactory context) {}

    /**
     * Starts with {@code initial}, already loaded (or generated) at startup.
     *
     * @throws TlsException if no TLS context can be built from {@code initial}
     */
    public ReloadableTls(TlsMaterial initial, Source source) throws TlsException {
        this.source = Objects.requireNonNull(source, "source");
        this.current = new Current(initial, new TlsContextFactory(initial));
    }

    /** The context for a new handshake. */
    @Override
    public TlsContextFactory get() {
        return current.context();
    }

    /** The certificate and key in use. */
    public TlsMaterial material() {
        return current.material();
    }

    /**
     * Reads the files again and, if they hold a usable certificate that differs from the one in use, makes it the one
     * new handshakes use. Logs the outcome: the new fingerprint at INFO, a failure at WARN. Synchronised so that a
     * SIGHUP and the periodic check never interleave.
     */
    public synchronized Outcome reload() {
        String inUse = current.material().sha256Fingerprint();
        TlsMaterial fresh;
        TlsContextFactory context;
        try {
            fresh = source.load();
            if (fresh.sha256Fingerprint().equals(inUse) && fresh.key().equals(current.material().key())) {
                LOG.info("TLS certificate files re-read; unchanged, still SHA-256 {}", inUse);
                return new Outcome.Unchanged(inUse);
            }
            context = new TlsContextFactory(fresh);
        } catch (TlsException | RuntimeException e) {
            // RuntimeException too: whatever a half-written file does to a parser, the server keeps serving
            LOG.warn("cannot reload the TLS certificate, still using SHA-256 {}: {}", inUse, e.getMessage());
            return new Outcome.Failed(inUse, String.valueOf(e.getMessage()));
        }
        current = new Current(fresh, context);
        LOG.info("TLS certificate reloaded for {} valid until {}: SHA-256 {} (SHA-1 {}), replacing SHA-256 {};"
                + " new connections use it, open ones keep theirs", fresh.dnsNames(), fresh.notAfter(),
                fresh.sha256Fingerprint(), fresh.sha1Fingerprint(), inUse);
        return new Outcome.Replaced(inUse, fresh.sha256Fingerprint());
    }
}
