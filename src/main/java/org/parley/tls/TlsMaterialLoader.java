package org.parley.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the server's certificate and key at startup, or creates a self-signed pair on first start.
 *
 * <p>Every load checks that the private key belongs to the leaf certificate, because a mismatched pair otherwise
 * only shows up as an obscure handshake failure on the client. Problems a server can still run with (an expired
 * certificate, one that does not name the domain) are logged at WARN rather than refused, so an operator is not
 * locked out of their own server while renewing.
 */
public final class TlsMaterialLoader {

    private static final Logger LOG = LoggerFactory.getLogger(TlsMaterialLoader.class);

    private TlsMaterialLoader() {}

    /** Loads a certbot-style pair: {@code fullchain} holds the chain leaf first, {@code privkey} its key. */
    public static TlsMaterial loadPem(Path fullchain, Path privkey) throws TlsException {
        Objects.requireNonNull(fullchain, "fullchain");
        Objects.requireNonNull(privkey, "privkey");
        List<X509Certificate> chain = PemFiles.readCertificates(fullchain);
        PrivateKey key = PemFiles.readPrivateKey(privkey);
        TlsMaterial material = new TlsMaterial(key, chain);
        requireKeyMatchesLeaf(material, privkey.toString(), fullchain.toString());
        return material;
    }

    /**
     * Loads the first key entry of a PKCS#12 keystore, with its chain. The key is expected to be protected by the
     * store password, as {@code openssl pkcs12 -export} and {@code keytool} do by default.
     *
     * @param password the store password; {@code null} is taken as the empty password
     */
    public static TlsMaterial loadPkcs12(Path file, char[] password) throws TlsException {
        Objects.requireNonNull(file, "file");
        char[] secret = password == null ? new char[0] : password;
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsException("cannot open PKCS#12 keystore " + file + ": wrong password", e);
            }
            throw new TlsException("cannot read PKCS#12 keystore " + file + ": " + PemFiles.describe(e), e);
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot read PKCS#12 keystore " + file + ": " + e.getMessage(), e);
        }
        TlsMaterial material = firstKeyEntry(store, file, secret);
        requireKeyMatchesLeaf(material, file.toString(), file.toString());
        return material;
    }

    /**
     * Loads the server's certificate, or generates and saves a self-signed one when none is installed.
     *
     * <ul>
     *   <li>{@code pkcs12} present: load it; a missing keystore is an error, never a reason to generate.
     *   <li>both PEM files present: load them.
     *   <li>only one present: an error naming the missing file; an operator's half-installed pair is never
     *       overwritten.
     *   <li>neither present: generate a self-signed pair for {@code domain}, save it and warn.
     * </ul>
     *
     * A symbolic link counts as present even when its target is missing, so certbot's {@code live/} links are not
     * replaced by a generated pair when their target is unreachable.
     *
     * @param pkcs12Password used only with {@code pkcs12}; may be {@code null}
     */
    public static TlsMaterial loadOrCreate(Path certPem, Path keyPem, Optional<Path> pkcs12, char[] pkcs12Password,
            String domain, Clock clock) throws TlsException {
        Objects.requireNonNull(certPem, "certPem");
        Objects.requireNonNull(keyPem, "keyPem");
        Objects.requireNonNull(pkcs12, "pkcs12");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(clock, "clock");
        if (pkcs12.isPresent() || present(certPem) || present(keyPem)) {
            return loadInstalled(certPem, keyPem, pkcs12, pkcs12Password, domain, clock);
        }
        TlsMaterial material = SelfSignedCertificate.generate(domain, clock);
        requireKeyMatchesLeaf(material, keyPem.toString(), certPem.toString());
        PemFiles.write(material, certPem, keyPem);
        LOG.warn("generated a self-signed certificate for {} (SHA-256 {}); clients will ask users to accept it;"
                + " install a CA-signed certificate at {} and {} for production",
                domain, material.sha256Fingerprint(), certPem, keyPem);
        return material;
    }

    /**
     * Loads the installed certificate as {@link #loadOrCreate} does, but never generates one: used to re-read the
     * files while the server runs, where a missing file is an error to report, not a reason to replace the
     * operator's certificate with a self-signed one.
     *
     * @throws TlsException when the keystore or either PEM file is missing, unreadable or mismatched
     */
    public static TlsMaterial loadInstalled(Path certPem, Path keyPem, Optional<Path> pkcs12, char[] pkcs12Password,
            String domain, Clock clock) throws TlsException {
        TlsMaterial material;
        String source;
        if (pkcs12.isPresent()) {
            Path store = pkcs12.get();
            if (!present(store)) {
                throw new TlsException("the configured PKCS#12 keystore " + store + " does not exist");
            }
            material = loadPkcs12(store, pkcs12Password);
            source = store.toString();
        } else if (present(certPem) && present(keyPem)) {
            material = loadPem(certPem, keyPem);
            source = certPem.toString();
        } else if (present(certPem) || present(keyPem)) {
            boolean certFound = present(certPem);
            Path missing = certFound ? keyPem : certPem;
            Path found = certFound ? certPem : keyPem;
            throw new TlsException("found " + found + " but not " + missing + "; install both the certificate chain"
                    + " and its private key, or remove " + found + " to let the server generate a self-signed pair");
        } else {
            throw new TlsException("neither " + certPem + " nor " + keyPem + " exists");
        }
        LOG.info("loaded TLS certificate for {} from {} (SHA-256 {}, valid until {})",
                material.dnsNames(), source, material.sha256Fingerprint(), material.notAfter());
        warnAboutProblems(material, source, domain, clock);
        return material;
    }

    /** Whether {@code names} (as from {@link TlsMaterial#dnsNames()}) cover {@code domain}, per RFC 6125 §6.4.3. */
    static boolean covers(Set<String> names, String domain) {
        String wanted = domain.toLowerCase(Locale.ROOT);
        for (String name : names) {
            String candidate = name.toLowerCase(Locale.ROOT);
            if (candidate.equals(wanted)) {
                return true;
            }
            // A wildcard stands for exactly one whole label: *.example.org covers a.example.org, not example.org.
            if (candidate.startsWith("*.")) {
                int dot = wanted.indexOf('.');
                if (dot > 0 && wanted.substring(dot).equals(candidate.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether anything, even a dangling symbolic link, occupies {@code path}. */
    private static boolean present(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static void warnAboutProblems(TlsMaterial material, String source, String domain, Clock clock) {
        Instant now = clock.instant();
        X509Certificate leaf = material.leaf();
        if (now.isAfter(material.notAfter())) {
            LOG.warn("the certificate in {} expired on {}; clients will refuse to connect until it is renewed",
                    source, material.notAfter());
        } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
            LOG.warn("the certificate in {} is not valid before {}; check the system clock",
                    source, leaf.getNotBefore().toInstant());
        }
        if (!covers(material.dnsNames(), domain)) {
            LOG.warn("the certificate in {} is for {} but the XMPP domain is {}; clients will reject it",
                    source, material.dnsNames(), domain);
        }
    }

    private static TlsMaterial firstKeyEntry(KeyStore store, Path file, char[] password) throws TlsException {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                    throw new TlsException("the entry '" + alias + "' in PKCS#12 keystore " + file
                            + " is not a private key with its certificate chain");
                }
                List<X509Certificate> certificates = new ArrayList<>();
                for (Certificate certificate : chain) {
                    if (!(certificate instanceof X509Certificate x509)) {
                        throw new TlsException("PKCS#12 keystore " + file + " holds a non-X.509 certificate");
                    }
                    certificates.add(x509);
                }
                return new TlsMaterial(privateKey, certificates);
            }
        } catch (UnrecoverableKeyException e) {
            throw new TlsException("cannot decrypt the private key in PKCS#12 keystore " + file
                    + "; its password must be the keystore password", e);
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot read PKCS#12 keystore " + file + ": " + e.getMessage(), e);
        }
        throw new TlsException("PKCS#12 keystore " + file + " contains no private key entry");
    }

    /** Proves possession: signs a random challenge with the key and verifies it with the leaf's public key. */
    private static void requireKeyMatchesLeaf(TlsMaterial material, String keySource, String certSource)
            throws TlsException {
        PublicKey publicKey = material.leaf().getPublicKey();
        String mismatch = "private key in " + keySource + " does not match the certificate in " + certSource
                + "; the first certificate in the file must be the server's own";
        if (!sameFamily(material.key().getAlgorithm(), publicKey.getAlgorithm())) {
            throw new TlsException(mismatch + " (" + material.key().getAlgorithm() + " key, "
                    + publicKey.getAlgorithm() + " certificate)");
        }
        String algorithm = signatureAlgorithm(publicKey.getAlgorithm());
        if (algorithm == null) {
            throw new TlsException("unsupported key type " + publicKey.getAlgorithm() + " in " + certSource
                    + "; use an RSA, EC or EdDSA key");
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        boolean verified;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(material.key());
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            verified = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // E.g. an EC key on a different curve than the certificate's: a mismatch as well.
            throw new TlsException(mismatch, e);
        }
        if (!verified) {
            throw new TlsException(mismatch);
        }
    }

    private static boolean sameFamily(String keyAlgorithm, String certAlgorithm) {
        return normalise(keyAlgorithm).equals(normalise(certAlgorithm));
    }

    private static String normalise(String algorithm) {
        return switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "ECDSA" -> "EC";
            case "ED25519", "ED448" -> "EDDSA";
            default -> algorithm.toUpperCase(Locale.ROOT);
        };
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (normalise(keyAlgorithm)) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EDDSA" -> "EdDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
    }
}
