package org.parley.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The server side of TLS: an {@link SSLContext} presenting the server's certificate, plus the protocol and cipher
 * suite policy the transport must apply to every engine or socket it creates from it.
 *
 * <p>Policy: TLS 1.3 and 1.2 only (RFC 8996 deprecates older versions); the JDK's default cipher suites, minus any
 * that are unauthenticated, unencrypted, export-grade or use DES, 3DES or RC4, in case a deployment re-enabled them
 * through {@code java.security}. The JDK defaults include the ECDHE-ECDSA suites (AES-GCM and ChaCha20-Poly1305) a
 * TLS 1.2 client needs with the default ECDSA certificate, and the ECDHE-RSA ones for an RSA certificate. Client
 * certificates are not requested. The context is built once, in the constructor, so a bad key fails at startup
 * rather than on the first connection.
 *
 * <p>Session resumption (ADR 0017): a reconnecting client that kept its TLS session skips the certificate and the
 * server's signature. The JDK server issues stateless session tickets by default (RFC 8446 §4.6.1 on TLS 1.3,
 * RFC 5077 on TLS 1.2; {@code jdk.tls.server.enableSessionTicketExtension}), which cost the server no memory; only
 * TLS 1.2 clients without tickets land in the server's session cache, which is therefore bounded to
 * {@link #SESSION_CACHE_SIZE} entries. Tickets and cached sessions live {@link #SESSION_TIMEOUT_SECONDS}. They are
 * tied to this context: after a certificate reload, clients make one full handshake again.
 */
public final class TlsContextFactory {

    /** The protocol versions offered, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Cipher suite name fragments that mark a suite as unacceptable. */
    private static final Set<String> WEAK_SUITE_MARKERS = Set.of("_NULL_", "_anon_", "_EXPORT_", "_DES_", "_RC4_",
            "_3DES_");

    private static final String KEY_ALIAS = "server";

    /**
     * Sessions the server remembers for TLS 1.2 clients that do not take tickets. A cached session retains about
     * 2 KB of heap (ADR 0017), so this caps the cache near 20 MB (the JDK's default is 20,480); the JDK holds them
     * through soft references, which a collection under memory pressure clears first.
     */
    static final int SESSION_CACHE_SIZE = 10_000;
    /**
     * How long a ticket or cached session can be resumed: a day, so a phone that sleeps overnight still resumes in
     * the morning. Resumption keeps forward secrecy on TLS 1.3 (JSSE only accepts psk_dhe_ke), and the JDK rotates
     * the ticket key hourly; RFC 8446 §4.6.1 allows up to seven days.
     */
    static final int SESSION_TIMEOUT_SECONDS = 24 * 60 * 60;

    private final SSLContext sslContext;
    private final String[] protocols;
    private final String[] cipherSuites;

    /**
     * Builds the context for {@code material}.
     *
     * @throws TlsException if the JDK refuses the key or chain, or offers none of {@link #PROTOCOLS}
     */
    public TlsContextFactory(TlsMaterial material) throws TlsException {
        Objects.requireNonNull(material, "material");
        this.sslContext = buildContext(material);
        List<String> supported = Arrays.asList(sslContext.getSupportedSSLParameters().getProtocols());
        this.protocols = PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
        if (protocols.length == 0) {
            throw new TlsException("this Java runtime supports none of " + PROTOCOLS + "; upgrade the JDK");
        }
        this.cipherSuites = Arrays.stream(sslContext.getDefaultSSLParameters().getCipherSuites())
                .filter(TlsContextFactory::isAcceptableSuite)
                .toArray(String[]::new);
        if (cipherSuites.length == 0) {
            throw new TlsException("this Java runtime enables no acceptable TLS cipher suite; check"
                    + " jdk.tls.disabledAlgorithms in java.security");
        }
    }

    /** The context holding the server's key and chain; trust managers are the JDK defaults. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** {@link #PROTOCOLS} as far as this JDK supports them; a fresh array each call. */
    public String[] enabledProtocols() {
        return protocols.clone();
    }

    /** The JDK's default cipher suites without the weak ones; a fresh array each call. */
    public String[] enabledCipherSuites() {
        return cipherSuites.clone();
    }

    /** A new server-mode engine with the protocol and cipher suite policy applied and no client authentication. */
    public SSLEngine newServerEngine() {
        SSLEngine engine = sslContext.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(false);
        engine.setEnabledProtocols(enabledProtocols());
        engine.setEnabledCipherSuites(enabledCipherSuites());
        return engine;
    }

    /** Whether a cipher suite name passes the policy; package-private for tests. */
    static boolean isAcceptableSuite(String suite) {
        return WEAK_SUITE_MARKERS.stream().noneMatch(suite::contains);
    }

    private static SSLContext buildContext(TlsMaterial material) throws TlsException {
        // The in-memory keystore needs some password; a random one means nothing guessable ever protects the key.
        char[] password = HexFormat.of().formatHex(randomBytes()).toCharArray();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(KEY_ALIAS, material.key(), password,
                    material.chain().toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            // null trust managers and random: the JDK defaults; the server never asks for client certificates.
            context.init(keyManagers.getKeyManagers(), null, null);
            context.getServerSessionContext().setSessionCacheSize(SESSION_CACHE_SIZE);
            context.getServerSessionContext().setSessionTimeout(SESSION_TIMEOUT_SECONDS);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException("cannot build a TLS context from the certificate " + material.leaf()
                    .getSubjectX500Principal().getName() + " (" + material.key().getAlgorithm().toLowerCase(Locale.ROOT)
                    + " key): " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
