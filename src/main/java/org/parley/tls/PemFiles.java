package org.parley.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the PEM files certbot produces: a certificate chain ({@code fullchain.pem}) and an unencrypted
 * private key ({@code privkey.pem}) in PKCS#8, PKCS#1 (RSA) or SEC1 (EC) form.
 *
 * <p>Package-private: the loader is the public face. Objects of other kinds in a file are skipped, so a combined
 * key-plus-chain file and openssl's leading {@code EC PARAMETERS} block both work.
 */
final class PemFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PemFiles.class);

    private static final Set<PosixFilePermission> KEY_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> CERT_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

    private PemFiles() {}

    /** All certificates in {@code file}, in file order (certbot writes the leaf first). */
    static List<X509Certificate> readCertificates(Path file) throws TlsException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = open(file)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            // BouncyCastle reports malformed base64 and ASN.1 with unchecked exceptions; to the operator they are all
            // "this file is not a valid certificate".
            throw unreadable("certificate file", file, e);
        }
        if (certificates.isEmpty()) {
            throw new TlsException("no certificate found in " + file
                    + "; expected PEM blocks starting with '-----BEGIN CERTIFICATE-----'");
        }
        return certificates;
    }

    /** The first private key in {@code file}. */
    static PrivateKey readPrivateKey(Path file) throws TlsException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = open(file)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo pkcs8) {
                    return converter.getPrivateKey(pkcs8);
                }
                if (object instanceof PEMKeyPair pkcs1OrSec1) {
                    return converter.getPrivateKey(pkcs1OrSec1.getPrivateKeyInfo());
                }
                if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new TlsException("the private key in " + file + " is encrypted; the server cannot ask for"
                            + " a passphrase at startup, so store it unencrypted (openssl pkey -in " + file
                            + " -out <new file>) and make the file readable only by the server's user");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw unreadable("private key file", file, e);
        }
        throw new TlsException("no private key found in " + file + "; expected a PEM block starting with"
                + " '-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----'"
                + " or '-----BEGIN EC PRIVATE KEY-----'");
    }

    /**
     * Writes the chain to {@code certPem} (mode 0644) and the key, as PKCS#8, to {@code keyPem} (mode 0600) on
     * POSIX file systems. Each file is written to a temporary file in its target directory and then moved into
     * place, so a crash never leaves a truncated file and the key is never readable by others, not even briefly.
     */
    static void write(TlsMaterial material, Path certPem, Path keyPem) throws TlsException {
        writeAtomically(keyPem, KEY_PERMISSIONS, "private key file",
                pem -> pem.writeObject(new JcaPKCS8Generator(material.key(), null)));
        writeAtomically(certPem, CERT_PERMISSIONS, "certificate file", pem -> {
            for (X509Certificate certificate : material.chain()) {
                pem.writeObject(certificate);
            }
        });
    }

    /** The PEM objects of one file. */
    @FunctionalInterface
    private interface PemContent {
        void writeTo(JcaPEMWriter pem) throws IOException;
    }

    private static void writeAtomically(Path target, Set<PosixFilePermission> permissions, String what,
            PemContent content) throws TlsException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(directory);
            boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
            temp = posix
                    ? Files.createTempFile(directory, ".parley-", ".tmp",
                            PosixFilePermissions.asFileAttribute(KEY_PERMISSIONS))
                    : Files.createTempFile(directory, ".parley-", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    JcaPEMWriter pem = new JcaPEMWriter(Channels.newWriter(channel, StandardCharsets.US_ASCII))) {
                content.writeTo(pem);
                pem.flush();
                // On disk before the rename, so a power cut cannot leave an empty file under the final name.
                channel.force(true);
            }
            if (posix) {
                // Set explicitly: the creation mode above is filtered by the umask, and the certificate may be public.
                Files.setPosixFilePermissions(temp, permissions);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new TlsException("cannot write " + what + " " + target + ": " + describe(e), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Only a leftover hidden temp file; the write error already being reported is what the operator needs.
            LOG.debug("could not delete temporary file {}", temp, e);
        }
    }

    private static PEMParser open(Path file) throws IOException {
        // ISO-8859-1 decodes any byte, so a binary file yields "no PEM block found" rather than a charset error.
        Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
        return new PEMParser(reader);
    }

    private static TlsException unreadable(String what, Path file, Exception e) {
        return new TlsException("cannot read " + what + " " + file + ": " + describe(e), e);
    }

    /** An I/O problem in words an operator can act on. */
    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "the file does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied (the server's user must be able to read it)";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
