package org.parley.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash functions of the SCRAM mechanisms Parley supports, with the primitives RFC 5802 §2.2 defines over
 * them: {@code H}, {@code HMAC} and {@code Hi}.
 */
public enum ScramHash {
    /** SCRAM-SHA-1, RFC 5802; the mechanism every XMPP client implements. */
    SHA_1("SHA-1", "HmacSHA1", "SCRAM-SHA-1", 20),
    /** SCRAM-SHA-256, RFC 7677. */
    SHA_256("SHA-256", "HmacSHA256", "SCRAM-SHA-256", 32);

    /** RFC 5802 §2.2: Hi's first block is keyed on salt + INT(1), a 4-octet big-endian 1. */
    private static final byte[] INT_1 = {0, 0, 0, 1};

    private final String digestAlgorithm;
    private final String hmacAlgorithm;
    private final String mechanism;
    private final int outputLength;

    ScramHash(String digestAlgorithm, String hmacAlgorithm, String mechanism, int outputLength) {
        this.digestAlgorithm = digestAlgorithm;
        this.hmacAlgorithm = hmacAlgorithm;
        this.mechanism = mechanism;
        this.outputLength = outputLength;
    }

    /** The JCA name of the digest, e.g. {@code SHA-256}. */
    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    /** The JCA name of the HMAC, e.g. {@code HmacSHA256}. */
    public String hmacAlgorithm() {
        return hmacAlgorithm;
    }

    /** The SASL mechanism name, e.g. {@code SCRAM-SHA-256}. */
    public String mechanism() {
        return mechanism;
    }

    /** The length in bytes of a digest, an HMAC, and therefore of every SCRAM key. */
    public int outputLength() {
        return outputLength;
    }

    /** {@code H(data)}. */
    public byte[] digest(byte[] data) {
        Objects.requireNonNull(data, "data");
        try {
            return MessageDigest.getInstance(digestAlgorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw missing(digestAlgorithm, e);
        }
    }

    /** {@code HMAC(key, data)}. */
    public byte[] hmac(byte[] key, byte[] data) {
        Objects.requireNonNull(data, "data");
        return mac(key).doFinal(data);
    }

    /** {@code HMAC(key, text)} with the text encoded as UTF-8, as SCRAM does for "Client Key" and AuthMessage. */
    public byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code Hi(str, salt, i)} of RFC 5802 §2.2, which is PBKDF2 (RFC 8018) with this HMAC and an output of one
     * block.
     *
     * @param str the already normalised password, as UTF-8
     */
    public byte[] hi(byte[] str, byte[] salt, int iterations) {
        Objects.requireNonNull(salt, "salt");
        if (iterations < 1) {
            throw new IllegalArgumentException("the iteration count must be at least 1, was " + iterations);
        }
        Mac mac = mac(str);
        mac.update(salt);
        byte[] u = mac.doFinal(INT_1);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        Arrays.fill(u, (byte) 0);
        return result;
    }

    private Mac mac(byte[] key) {
        Objects.requireNonNull(key, "key");
        // SecretKeySpec refuses an empty key. RFC 2104 §2 pads a short key with zeros to the block size, so an
        // empty key and a single zero byte give the same HMAC; this keeps Hi defined for an empty string.
        byte[] effectiveKey = key.length == 0 ? new byte[1] : key;
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(effectiveKey, hmacAlgorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw missing(hmacAlgorithm, e);
        }
    }

    private static IllegalStateException missing(String algorithm, GeneralSecurityException e) {
        // Every Java SE runtime must provide SHA-1, SHA-256, HmacSHA1 and HmacSHA256, so this is a broken JRE.
        return new IllegalStateException("the Java runtime lacks " + algorithm, e);
    }
}
