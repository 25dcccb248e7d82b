package org.parley.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Base64;
import org.parley.tls.SelfSignedCertificate;
import org.parley.tls.TlsMaterial;

/**
 * Writes certificates as an operator's renewal would: PEM files replaced by a rename, or certbot's layout, where
 * {@code live/} holds symbolic links into {@code archive/} and a renewal re-points them.
 */
public final class CertificateFiles {

    private CertificateFiles() {}

    /** A new self-signed certificate for the test domain. */
    public static TlsMaterial generate() {
        return SelfSignedCertificate.generate(TestServer.DOMAIN, Clock.systemUTC());
    }

    /** Writes {@code material} as a PEM chain and a PKCS#8 PEM key, each replacing its file by a rename. */
    public static void write(TlsMaterial material, Path cert, Path key) throws IOException {
        replace(key, pem("PRIVATE KEY", material.key().getEncoded()));
        StringBuilder chain = new StringBuilder();
        try {
            for (var certificate : material.chain()) {
                chain.append(pem("CERTIFICATE", certificate.getEncoded()));
            }
        } catch (CertificateEncodingException e) {
            throw new IOException(e);
        }
        replace(cert, chain.toString());
    }

    /** Replaces {@code file} with {@code text} by a rename, so a reader never sees half of it. */
    public static void replace(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".it-", ".tmp");
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Makes {@code link} a symbolic link to {@code target}, replacing whatever was there by a rename. */
    public static void relink(Path link, Path target) throws IOException {
        Path temp = link.resolveSibling(".it-link-" + System.nanoTime());
        Files.createSymbolicLink(temp, target);
        Files.move(temp, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
