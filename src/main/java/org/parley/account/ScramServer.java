package org.parley.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.parley.xmpp.BareJid;

/**
 * The server side of SCRAM (RFC 5802, RFC 7677) against the stored verifiers: starts one {@link SaslExchange} per
 * authentication attempt. Holds no per-connection state; safe to share between connections.
 *
 * <p>An unknown user gets a server-first-message like any other (a salt derived from the name with a key only
 * this server knows, the configured iteration count), and fails only at the proof, so the exchange does not tell an
 * attacker which accounts exist (RFC 5802 §9).
 */
public final class ScramServer {

    /** Where the verifiers come from; {@code AccountService::credentials} in the server. */
    @FunctionalInterface
    public interface CredentialLookup {
        Optional<ScramCredentials> find(BareJid jid, ScramHash hash);
    }

    private static final int NONCE_BYTES = 24;
    private static final int DECOY_SALT_BYTES = 16;

    private final CredentialLookup lookup;
    private final String domain;
    private final Supplier<String> serverNonces;
    private final int decoyIterations;
    private final byte[] decoyKey;

    /**
     * @param lookup the stored verifiers
     * @param domain the served domain; a username is a localpart of it
     * @param serverNonces the server's part of each nonce, printable ASCII without ','
     * @param random the source of the decoy key
     * @param decoyIterations the iteration count shown for unknown users: the one new accounts get
     */
    public ScramServer(CredentialLookup lookup, String domain, Supplier<String> serverNonces, SecureRandom random,
            int decoyIterations) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.serverNonces = Objects.requireNonNull(serverNonces, "serverNonces");
        this.decoyIterations = decoyIterations;
        this.decoyKey = new byte[32];
        random.nextBytes(decoyKey);
    }

    /** Server nonces of 24 random bytes, base64-encoded (base64 has no ','). */
    public static Supplier<String> randomNonces(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return () -> {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            return Base64.getEncoder().encodeToString(nonce);
        };
    }

    /**
     * Starts an exchange.
     *
     * @param hash the mechanism's hash
     * @param plus whether the mechanism is the {@code -PLUS} variant, which requires channel binding
     * @param bindings what this connection can bind to; when any is available the server offers {@code -PLUS},
     *     so a client saying it supports channel binding but thinks the server does not ({@code y}) is downgraded
     */
    public SaslExchange start(ScramHash hash, boolean plus, ChannelBindings bindings) {
        return new ScramExchange(this, hash, plus, bindings);
    }

    String domain() {
        return domain;
    }

    String nextServerNonce() {
        return serverNonces.get();
    }

    /** The stored verifier, or for an unknown user a decoy that no proof matches and that is stable per name. */
    Credentials credentials(BareJid jid, ScramHash hash) {
        Optional<ScramCredentials> stored = lookup.find(jid, hash);
        if (stored.isPresent()) {
            return new Credentials(stored.get(), true);
        }
        byte[] seed = hash.hmac(decoyKey, jid.toString());
        byte[] salt = Arrays.copyOf(seed, DECOY_SALT_BYTES);
        byte[] storedKey = hash.hmac(decoyKey, ("stored " + jid).getBytes(StandardCharsets.UTF_8));
        byte[] serverKey = hash.hmac(decoyKey, ("server " + jid).getBytes(StandardCharsets.UTF_8));
        return new Credentials(new ScramCredentials(hash, salt, decoyIterations, storedKey, serverKey), false);
    }

    /** A verifier and whether it belongs to a real account. */
    record Credentials(ScramCredentials scram, boolean known) {}
}
