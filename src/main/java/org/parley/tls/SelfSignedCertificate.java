package org.parley.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
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
 * <p>The certificate is made to be accepted by as many clients as possible once the user trusts it: RSA 2048 (some
 * older clients still lack ECDSA), SHA256withRSA, a subjectAltName for the domain and for {@code *.<domain>} (XMPP
 * services such as {@code conference.<domain>}), serverAuth only, and 825 days of validity (the longest Apple
 * platforms accept). Only the JDK's default JCA providers are used; BouncyCastle merely assembles the ASN.1, so no
 * provider is registered globally.
 */
public final class SelfSignedCertificate {

    private static final int RSA_BITS = 2048;
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final int SERIAL_BITS = 128;
    /** Back-dated so a client whose clock runs a little behind does not reject a certificate made seconds ago. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration VALIDITY = Duration.ofDays(825);

    private SelfSignedCertificate() {}

    /**
     * Generates a fresh RSA key pair and a self-signed certificate for {@code domain}.
     *
     * @param domain the XMPP domain, e.g. {@code example.org}; lower-cased
     * @param clock the source of "now" for the validity period
     * @throws IllegalArgumentException if {@code domain} is blank or contains whitespace, '*' or '/'
     */
    public static TlsMaterial generate(String domain, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        String name = checkDomain(domain);
        SecureRandom random = new SecureRandom();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, random);
            KeyPair pair = generator.generateKeyPair();

            // X.509 times have one-second resolution; truncating keeps notBefore/notAfter exactly now-1h/now+825d.
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, name), new GeneralName(GeneralName.dNSName, "*." + name)
            }));

            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(pair.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            return new TlsMaterial(pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            // RSA and SHA256withRSA are mandatory in every JDK, so this is a broken runtime, not bad input.
            throw new IllegalStateException("the JDK cannot generate an RSA certificate", e);
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
