package org.parley.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The server's TLS identity: its private key and its certificate chain, leaf first, as sent to clients.
 *
 * <p>The record does not check that the key belongs to the leaf; {@link TlsMaterialLoader} does, because that check
 * needs to name the files involved. {@link #toString()} never shows the key.
 *
 * @param key the private key of the leaf certificate
 * @param chain the certificate chain, leaf first, then intermediates; never empty
 */
public record TlsMaterial(PrivateKey key, List<X509Certificate> chain) {

    /** X.509 GeneralName tag of a dNSName in {@link X509Certificate#getSubjectAlternativeNames()}. */
    private static final int SAN_DNS_NAME = 2;

    public TlsMaterial {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
    }

    /** The server's own certificate, the first of the chain. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * SHA-256 of the leaf's DER encoding as upper-case hex pairs joined by ':', the format of {@code openssl x509
     * -fingerprint -sha256} and of most clients' certificate dialogs, so users can compare them by eye.
     */
    public String sha256Fingerprint() {
        return fingerprint("SHA-256");
    }

    /**
     * The leaf's SHA-1 fingerprint in the same format. Not for security decisions: some clients (profanity, Pidgin)
     * show only this one in their "accept this certificate?" prompt, so the server logs it for comparison too.
     */
    public String sha1Fingerprint() {
        return fingerprint("SHA-1");
    }

    private String fingerprint(String algorithm) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(leaf().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            // Every JDK ships SHA-256 and SHA-1, and a certificate that was parsed can be encoded again.
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    /**
     * The DNS names the leaf is valid for, lower-cased, in certificate order: the subjectAltName dNSName entries, or
     * the subject's CN when there are none (RFC 6125 §6.4.4 lets clients fall back to the CN only in that case).
     * Wildcards such as {@code *.example.org} are returned as written.
     */
    public Set<String> dnsNames() {
        Set<String> names = new LinkedHashSet<>();
        Collection<List<?>> sans;
        try {
            sans = leaf().getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new IllegalStateException("the certificate's subjectAltName extension is malformed", e);
        }
        if (sans != null) {
            for (List<?> san : sans) {
                if (san.size() >= 2 && Integer.valueOf(SAN_DNS_NAME).equals(san.get(0))
                        && san.get(1) instanceof String name) {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        if (names.isEmpty()) {
            X500Name subject = X500Name.getInstance(leaf().getSubjectX500Principal().getEncoded());
            for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
                if (rdn.getFirst().getValue() instanceof ASN1String cn) {
                    names.add(cn.getString().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** When the leaf certificate expires. */
    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** Describes the certificate only; the key is deliberately left out so the value can be logged. */
    @Override
    public String toString() {
        return "TlsMaterial[subject=" + leaf().getSubjectX500Principal().getName() + ", chainLength=" + chain.size()
                + ", keyAlgorithm=" + key.getAlgorithm() + ", sha256=" + sha256Fingerprint() + "]";
    }
}
