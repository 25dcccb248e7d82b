package org.parley.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The SCRAM verifier of one password for one hash (RFC 5802 §3): what the server stores instead of the password.
 *
 * <p>From these values the server can check a PLAIN password, and run a SCRAM exchange as the server side, but it
 * cannot log in as the user: the client proof needs ClientKey, which is not derivable from StoredKey.
 *
 * <p>Arrays are copied on the way in and out, so an instance is immutable; {@code equals} compares their
 * contents, and {@code toString} prints no key material.
 *
 * @param hash the hash the keys were derived with
 * @param salt the salt, not secret, at least one byte
 * @param iterations the Hi iteration count, at least 1
 * @param storedKey {@code H(ClientKey)}
 * @param serverKey {@code HMAC(SaltedPassword, "Server Key")}
 */
public record ScramCredentials(ScramHash hash, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {

    public ScramCredentials {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(storedKey, "storedKey");
        Objects.requireNonNull(serverKey, "serverKey");
        if (salt.length == 0) {
            throw new IllegalArgumentException("the salt is empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("the iteration count must be at least 1, was " + iterations);
        }
        if (storedKey.length != hash.outputLength() || serverKey.length != hash.outputLength()) {
            throw new IllegalArgumentException(
                    "keys for " + hash.mechanism() + " must be " + hash.outputLength() + " bytes long");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /**
     * Derives the verifier of a password, RFC 5802 §3: SaltedPassword = Hi(Normalize(password), salt, i),
     * ClientKey = HMAC(SaltedPassword, "Client Key"), StoredKey = H(ClientKey),
     * ServerKey = HMAC(SaltedPassword, "Server Key").
     *
     * @throws IllegalArgumentException when {@link SaslPrep} rejects the password, or the salt or count is bad
     */
    public static ScramCredentials derive(ScramHash hash, String password, byte[] salt, int iterations) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(salt, "salt");
        byte[] normalized = SaslPrep.prepare(password).getBytes(StandardCharsets.UTF_8);
        byte[] saltedPassword = hash.hi(normalized, salt, iterations);
        byte[] clientKey = hash.hmac(saltedPassword, "Client Key");
        byte[] storedKey = hash.digest(clientKey);
        byte[] serverKey = hash.hmac(saltedPassword, "Server Key");
        // Not a real defence in a garbage-collected heap, but it shortens how long the secrets sit in memory.
        Arrays.fill(normalized, (byte) 0);
        Arrays.fill(saltedPassword, (byte) 0);
        Arrays.fill(clientKey, (byte) 0);
        return new ScramCredentials(hash, salt, iterations, storedKey, serverKey);
    }

    /**
     * Whether {@code password} is the one these credentials were derived from. Costs one full derivation, and
     * compares in constant time. A password {@link SaslPrep} rejects matches nothing.
     */
    public boolean matches(String password) {
        Objects.requireNonNull(password, "password");
        ScramCredentials candidate;
        try {
            candidate = derive(hash, password, salt, iterations);
        } catch (IllegalArgumentException e) {
            return false; // no stored password can contain what SASLprep prohibits
        }
        // Both keys are compared, without short-circuit, so the time taken does not depend on which differs.
        boolean stored = MessageDigest.isEqual(storedKey, candidate.storedKey);
        boolean server = MessageDigest.isEqual(serverKey, candidate.serverKey);
        return stored & server;
    }

    /**
     * Checks that these credentials were derived with {@code expected}. Callers that take a SHA-1 and a SHA-256
     * verifier side by side use it, since a swapped pair would only show up much later as failed logins.
     *
     * @return this
     * @throws IllegalArgumentException when the hash is another one
     */
    public ScramCredentials requireHash(ScramHash expected) {
        if (hash != Objects.requireNonNull(expected, "expected")) {
            throw new IllegalArgumentException(
                    "expected " + expected.mechanism() + " credentials, got " + hash.mechanism());
        }
        return this;
    }

    /** {@code ClientSignature = HMAC(StoredKey, AuthMessage)}, RFC 5802 §3. */
    public byte[] clientSignature(String authMessage) {
        return hash.hmac(storedKey, Objects.requireNonNull(authMessage, "authMessage"));
    }

    /** {@code ServerSignature = HMAC(ServerKey, AuthMessage)}, RFC 5802 §3; sent to the client as {@code v=}. */
    public byte[] serverSignature(String authMessage) {
        return hash.hmac(serverKey, Objects.requireNonNull(authMessage, "authMessage"));
    }

    /**
     * Checks a client proof, RFC 5802 §3: ClientKey = ClientProof XOR ClientSignature, and H(ClientKey) must equal
     * StoredKey. The comparison is constant time.
     *
     * @param proof the decoded {@code p=} attribute of client-final-message
     * @param authMessage client-first-message-bare + "," + server-first-message + "," +
     *     client-final-message-without-proof
     */
    public boolean verifyClientProof(byte[] proof, String authMessage) {
        Objects.requireNonNull(proof, "proof");
        if (proof.length != hash.outputLength()) {
            return false;
        }
        byte[] clientKey = clientSignature(authMessage);
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] ^= proof[i];
        }
        return MessageDigest.isEqual(hash.digest(clientKey), storedKey);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials other
                && hash == other.hash
                && iterations == other.iterations
                && Arrays.equals(salt, other.salt)
                && Arrays.equals(storedKey, other.storedKey)
                && Arrays.equals(serverKey, other.serverKey);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(hash, iterations);
        h = 31 * h + Arrays.hashCode(salt);
        h = 31 * h + Arrays.hashCode(storedKey);
        return 31 * h + Arrays.hashCode(serverKey);
    }

    /** Names the mechanism and the cost only: keys and salt stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "ScramCredentials[" + hash.mechanism() + ", iterations=" + iterations + "]";
    }
}
