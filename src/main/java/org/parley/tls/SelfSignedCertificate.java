package org.parley.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates the self-signed certificate a fresh installation starts with, so STARTTLS works before the operator
 * installs a CA-signed one.
 *
 * <p>The default key is ECDSA P-256 signed with SHA256withECDSA: a full TLS handshake costs the server several times
 * less CPU than with RSA 2048 (ADR 0017 has the numbers), which matters when mobile clients reconnect in bursts, and
 * every TLS 1.2/1.3 client of the last decade supports it (Android 4+, iOS 7+, Java 7+, OpenSSL 1.0.1+, GnuTLS 3).
 * {@link KeyType#RSA_2048} remains for tests and comparisons. The certificate otherwise aims at broad acceptance once
 * the user trusts it: a subjectAltName for the domain and for {@code *.<domain>} (XMPP services such as
 * {@code conference.<domain>}), serverAuth only, and 825 days of validity (the longest Apple platforms accept). Only
 * the JDK's default JCA providers are used; BouncyCastle merely assembles the ASN.1, so no provider is registered
 * globally.
 */
public final class SelfSignedCertificate {

    /** The key pair and signature of a generated certificate. */
    public enum KeyType {
        /** ECDSA on NIST P-256 (secp256r1), SHA256withECDSA: the default. */
        EC_P256("EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA", KeyUsage.digitalSignature),
        /**
         * RSA 2048, SHA256withRSA. keyEncipherment too, for TLS 1.2 RSA key exchange suites a deployment might
         * re-enable.
         */
        RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA",
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment);

        private final String keyAlgorithm;
        private final AlgorithmParameterSpec keySpec;
        private final String signatureAlgorithm;
        private final int keyUsage;

        KeyType(String keyAlgorithm, AlgorithmParameterSpec keySpec, String signatureAlgorithm, int keyUsage) {
            this.keyAlgorithm = keyAlgorithm;
            this.keySpec = keySpec;
            this.signatureAlgorithm = signatureAlgorithm;
            this.keyUsage = keyUsage;
        }

        private KeyPair generate(SecureRandom random) throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
            generator.initialize(keySpec, random);
            return generator.generateKeyPair();
        }
    }

    private static final int SERIAL_BITS = 128;
    /** Back-dated so a client whose clock runs a little behind does not reject a certificate made seconds ago. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration VALIDITY = Duration.ofDays(825);

    private SelfSignedCertificate() {}

    /**
     * Generates a fresh ECDSA P-256 key pair and a self-signed certificate for {@code domain}.
     *
     * @param domain the XMPP domain, e.g. {@code example.org}; lower-cased
     * @param clock the source of "now" for the validity period
     * @throws IllegalArgumentException if {@code domain} is blank or contains whitespace, '*' or '/'
     */
    public static TlsMaterial generate(String domain, Clock clock) {
        return generate(domain, clock, KeyType.EC_P256);
    }

    /** As {@link #generate(String, Clock)}, with a key of the given type. */
    public static TlsMaterial generate(String domain, Clock clock, KeyType type) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(type, "type");
        String name = checkDomain(domain);
        SecureRandom random = new SecureRandom();
        try {
            KeyPair pair = type.generate(random);

            // X.509 times have one-second resolution; truncating keeps notBefore/notAfter exactly now-1h/now+825d.
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(type.keyUsage));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, name), new GeneralName(GeneralName.dNSName, "*." + name)
            }));

            ContentSigner signer = new JcaContentSignerBuilder(type.signatureAlgorithm).build(pair.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            return new TlsMaterial(pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            // P-256, RSA and their SHA-256 signatures are in every JDK, so this is a broken runtime, not bad input.
            throw new IllegalStateException("the JDK cannot generate a " + type + " certificate", e);
        }
    }

    /** A random positive serial, as CA/Browser Forum rules ask (at least 64 random bits; 128 here). */
    private static BigInteger serial(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(SERIAL_BITS, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private static String checkDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        String name = domain.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '*' || c == '/')) {
            throw new IllegalArgumentException("not a usable domain name for a certificate: '" + domain + "'");
        }
        return name;
    }
}
