package org.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class TlsMaterialLoaderTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final char[] PASSWORD = "s3cret".toCharArray();

    @TempDir
    Path dir;

    private Path cert;
    private Path key;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void setUp() {
        cert = dir.resolve("certs").resolve("fullchain.pem");
        key = dir.resolve("certs").resolve("privkey.pem");
        log.start();
        loaderLogger().addAppender(log);
    }

    @AfterEach
    void tearDown() {
        loaderLogger().detachAppender(log);
    }

    @Test
    void firstStartGeneratesAnOwnerOnlyKeyAndLaterStartsReuseIt() throws Exception {
        TlsMaterial created = loadOrCreate("example.org");

        assertThat(cert).exists();
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(created.dnsNames()).contains("example.org");
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cert))).isEqualTo("rw-r--r--");
        }
        assertThat(warnings()).singleElement().asString()
                .contains("self-signed", "example.org", created.sha256Fingerprint(), cert.toString());
        try (var files = Files.list(cert.getParent())) {
            assertThat(files).as("no temp files left behind").hasSize(2);
        }
        byte[] keyBytes = Files.readAllBytes(key);
        log.list.clear();

        TlsMaterial reloaded = loadOrCreate("example.org");

        assertThat(reloaded.sha256Fingerprint()).isEqualTo(created.sha256Fingerprint());
        assertThat(reloaded.key()).isEqualTo(created.key());
        assertThat(Files.readAllBytes(key)).isEqualTo(keyBytes);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void loadsAnRsaKeyInPkcs1Form() throws Exception {
        TlsMaterial material = SelfSignedCertificate.generate("example.org", CLOCK,
                SelfSignedCertificate.KeyType.RSA_2048);
        writePem(cert, material.leaf());
        byte[] pkcs1 = PrivateKeyInfo.getInstance(material.key().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        writePem(key, new PemObject("RSA PRIVATE KEY", pkcs1));
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        TlsMaterial loaded = TlsMaterialLoader.loadPem(cert, key);

        assertThat(loaded.leaf()).isEqualTo(material.leaf());
        assertThat(loaded.key().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void loadsAnRsaKeyInPkcs8FormAsOperatorsAlreadyHave() throws Exception {
        TlsMaterial material = SelfSignedCertificate.generate("example.org", CLOCK,
                SelfSignedCertificate.KeyType.RSA_2048);
        writePem(cert, material.leaf());
        writePem(key, new JcaPKCS8Generator(material.key(), null));

        TlsMaterial loaded = TlsMaterialLoader.loadPem(cert, key);

        assertThat(loaded.key()).isEqualTo(material.key());
        assertThat(loaded.key().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void loadsTheGeneratedEcKeyInPkcs8Form() throws Exception {
        TlsMaterial material = SelfSignedCertificate.generate("example.org", CLOCK);
        writePem(cert, material.leaf());
        // certbot writes its ECDSA keys (the default key type since certbot 2.0) in this form too.
        writePem(key, new JcaPKCS8Generator(material.key(), null));
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");

        TlsMaterial loaded = TlsMaterialLoader.loadPem(cert, key);

        assertThat(loaded.key()).isEqualTo(material.key());
        assertThat(loaded.key().getAlgorithm()).isIn("EC", "ECDSA");
    }

    @Test
    void loadsAnEcKeyInSec1FormAfterAnEcParametersBlock() throws Exception {
        KeyPair pair = ecKeyPair();
        X509Certificate ecCert = certificate("CN=example.org", pair, "CN=example.org", pair.getPrivate(), false);
        writePem(cert, ecCert);
        byte[] point = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData().getBytes();
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ((ECPrivateKey) pair.getPrivate()).getS(),
                new DERBitString(point), SECObjectIdentifiers.secp256r1);
        // As `openssl ecparam -genkey` writes it: the curve first, then the key.
        writePem(key, new PemObject("EC PARAMETERS", SECObjectIdentifiers.secp256r1.getEncoded()),
                new PemObject("EC PRIVATE KEY", sec1.getEncoded()));

        TlsMaterial loaded = TlsMaterialLoader.loadPem(cert, key);

        assertThat(loaded.leaf()).isEqualTo(ecCert);
        assertThat(loaded.key().getAlgorithm()).isIn("EC", "ECDSA");
        assertThat(loaded.dnsNames()).as("CN used when there is no SAN").containsExactly("example.org");
    }

    @Test
    void loadsAFullChainLeafFirstWithAPkcs8Key() throws Exception {
        KeyPair caPair = rsaKeyPair();
        X509Certificate ca = certificate("CN=Test CA", caPair, "CN=Test CA", caPair.getPrivate(), true);
        KeyPair leafPair = ecKeyPair();
        X509Certificate leaf = certificate("CN=example.org", leafPair, "CN=Test CA", caPair.getPrivate(), false);
        writePem(cert, leaf, ca);
        writePem(key, new JcaPKCS8Generator(leafPair.getPrivate(), null));
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");

        TlsMaterial loaded = TlsMaterialLoader.loadOrCreate(cert, key, Optional.empty(), null, "example.org", CLOCK);

        assertThat(loaded.chain()).containsExactly(leaf, ca);
        assertThat(loaded.leaf()).isEqualTo(leaf);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void loadsTheFirstKeyEntryOfAPkcs12Keystore() throws Exception {
        TlsMaterial material = SelfSignedCertificate.generate("example.org", CLOCK);
        Path store = writePkcs12(material, PASSWORD);

        TlsMaterial loaded = TlsMaterialLoader.loadOrCreate(cert, key, Optional.of(store), PASSWORD, "example.org",
                CLOCK);

        assertThat(loaded.sha256Fingerprint()).isEqualTo(material.sha256Fingerprint());
        assertThat(loaded.key()).isEqualTo(material.key());
        assertThat(cert).as("nothing generated").doesNotExist();
        assertThat(key).doesNotExist();
    }

    @Test
    void aWrongPkcs12PasswordNamesTheKeystore() throws Exception {
        Path store = writePkcs12(SelfSignedCertificate.generate("example.org", CLOCK), PASSWORD);

        assertThatThrownBy(() -> TlsMaterialLoader.loadPkcs12(store, "wrong".toCharArray()))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining(store.toString())
                .hasMessageContaining("password");
    }

    @Test
    void aMissingPkcs12KeystoreIsAnErrorNotAReasonToGenerate() {
        Path store = dir.resolve("server.p12");

        assertThatThrownBy(() -> TlsMaterialLoader.loadOrCreate(cert, key, Optional.of(store), PASSWORD,
                "example.org", CLOCK))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining(store.toString());
        assertThat(cert).doesNotExist();
        assertThat(key).doesNotExist();
    }

    @Test
    void reloadingFindsNoFilesAndGeneratesNothing() {
        assertThatThrownBy(() -> TlsMaterialLoader.loadInstalled(cert, key, Optional.empty(), null, "example.org",
                CLOCK))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining(cert.toString()).hasMessageContaining(key.toString());
        assertThat(cert).doesNotExist();
        assertThat(key).doesNotExist();
    }

    @Test
    void aCertificateWithoutItsKeyIsAnErrorNamingTheKeyAndIsLeftAlone() throws Exception {
        writePem(cert, SelfSignedCertificate.generate("example.org", CLOCK).leaf());
        byte[] before = Files.readAllBytes(cert);

        assertThatThrownBy(() -> loadOrCreate("example.org"))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining(key.toString());
        assertThat(key).doesNotExist();
        assertThat(Files.readAllBytes(cert)).isEqualTo(before);
    }

    @Test
    void aKeyWithoutItsCertificateIsAnErrorNamingTheCertificate() throws Exception {
        writePem(key, new JcaPKCS8Generator(rsaKeyPair().getPrivate(), null));

        assertThatThrownBy(() -> loadOrCreate("example.org"))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining("not " + cert);
        assertThat(cert).doesNotExist();
    }

    @Test
    void danglingSymlinksAreNotReplacedByAGeneratedPair() throws Exception {
        Files.createDirectories(cert.getParent());
        Files.createSymbolicLink(cert, dir.resolve("live/fullchain.pem"));
        Files.createSymbolicLink(key, dir.resolve("live/privkey.pem"));

        assertThatThrownBy(() -> loadOrCreate("example.org"))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining(cert.toString());
        assertThat(Files.isSymbolicLink(cert)).isTrue();
        assertThat(Files.isSymbolicLink(key)).isTrue();
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefused() throws Exception {
        writePem(cert, SelfSignedCertificate.generate("example.org", CLOCK).leaf());
        writePem(key, new JcaPKCS8Generator(SelfSignedCertificate.generate("example.org", CLOCK).key(), null));

        assertThatThrownBy(() -> TlsMaterialLoader.loadPem(cert, key))
                .isInstanceOf(TlsException.class)
                .hasMessageStartingWith("private key in " + key + " does not match the certificate in " + cert);
    }

    @Test
    void aKeyOfAnotherTypeThanTheCertificateIsRefused() throws Exception {
        writePem(cert, SelfSignedCertificate.generate("example.org", CLOCK).leaf());
        writePem(key, new JcaPKCS8Generator(ecKeyPair().getPrivate(), null));

        assertThatThrownBy(() -> TlsMaterialLoader.loadPem(cert, key))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void garbageFilesAreReportedWithTheirName() throws Exception {
        TlsMaterial material = SelfSignedCertificate.generate("example.org", CLOCK);
        Files.createDirectories(cert.getParent());
        Files.writeString(cert, "this is not a certificate\n");
        writePem(key, new JcaPKCS8Generator(material.key(), null));

        assertThatThrownBy(() -> TlsMaterialLoader.loadPem(cert, key))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining(cert.toString());

        writePem(cert, material.leaf());
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n!!not base64!!\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsMaterialLoader.loadPem(cert, key))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining(key.toString());

        Files.write(key, new byte[] {0x30, (byte) 0x82, (byte) 0xff, 0x00, 0x01});
        assertThatThrownBy(() -> TlsMaterialLoader.loadPem(cert, key))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining(key.toString());
    }

    @Test
    void warnsAboutAnExpiredCertificateAndAForeignDomain() throws Exception {
        loadOrCreate("example.org");
        log.list.clear();
        Clock muchLater = Clock.offset(CLOCK, Duration.ofDays(900));

        TlsMaterialLoader.loadOrCreate(cert, key, Optional.empty(), null, "chat.example.net", muchLater);

        assertThat(warnings()).hasSize(2);
        assertThat(warnings().get(0)).contains("expired", cert.toString());
        assertThat(warnings().get(1)).contains("chat.example.net", "example.org");
    }

    @Test
    void aWildcardCoversExactlyOneLabel() {
        Set<String> names = Set.of("*.example.org");

        assertThat(TlsMaterialLoader.covers(names, "conference.example.org")).isTrue();
        assertThat(TlsMaterialLoader.covers(names, "Conference.Example.Org")).isTrue();
        assertThat(TlsMaterialLoader.covers(names, "example.org")).isFalse();
        assertThat(TlsMaterialLoader.covers(names, "a.b.example.org")).isFalse();
        assertThat(TlsMaterialLoader.covers(names, "badexample.org")).isFalse();
        assertThat(TlsMaterialLoader.covers(Set.of("example.org"), "example.org")).isTrue();
    }

    private TlsMaterial loadOrCreate(String domain) throws TlsException {
        return TlsMaterialLoader.loadOrCreate(cert, key, Optional.empty(), null, domain, CLOCK);
    }

    private List<String> warnings() {
        return log.list.stream()
                .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static Logger loaderLogger() {
        return (Logger) LoggerFactory.getLogger(TlsMaterialLoader.class);
    }

    private Path writePkcs12(TlsMaterial material, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("a-trusted-ca", material.leaf());
        store.setKeyEntry("server", material.key(), password, material.chain().toArray(new Certificate[0]));
        Path file = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }

    private static void writePem(Path file, Object... objects) throws IOException {
        Files.createDirectories(file.getParent());
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                if (object instanceof JcaPKCS8Generator generator) {
                    writer.writeObject(generator.generate());
                } else {
                    writer.writeObject(object);
                }
            }
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A certificate for {@code subject}'s public key, signed by {@code issuerKey}; no SAN, so the CN names it. */
    private static X509Certificate certificate(String subject, KeyPair subjectPair, String issuer,
            PrivateKey issuerKey, boolean ca) throws Exception {
        PublicKey publicKey = subjectPair.getPublic();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(System.nanoTime()), Date.from(NOW.minus(Duration.ofDays(1))),
                Date.from(NOW.plus(Duration.ofDays(90))), new X500Name(subject), publicKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    }
}
