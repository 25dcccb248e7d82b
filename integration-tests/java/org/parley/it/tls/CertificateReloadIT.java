package org.parley.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.it.support.CertificateFiles;
import org.parley.it.support.Clients;
import org.parley.it.support.DirectTlsSocket;
import org.parley.it.support.LogCapture;
import org.parley.it.support.TestServer;
import org.parley.tls.ReloadableTls;
import org.parley.tls.TlsMaterial;

/**
 * Certificate reload without restart: new connections, on both listeners, get the certificate now in the files; open
 * sessions keep theirs; a file that cannot be used leaves the certificate in use. One server per test, since each
 * test changes the server's certificate.
 */
class CertificateReloadIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    @DisplayName("reload (SIGHUP's entry point): new STARTTLS and direct TLS connections get B, an open session stays")
    void reloadSwitchesNewConnectionsAndKeepsOpenOnes() throws Exception {
        try (TestServer server = TestServer.start(Map.of("tls.reload_interval", "0"))) {
            String a = presented(server);
            XMPPTCPConnection open = Clients.loginNewUser(server, "open");
            try {
                TlsMaterial b = CertificateFiles.generate();
                CertificateFiles.write(b, cert(server), key(server));

                ReloadableTls.Outcome outcome = server.reloadCertificate();

                assertThat(outcome).isEqualTo(new ReloadableTls.Outcome.Replaced(a, b.sha256Fingerprint()));
                assertThat(presented(server)).isEqualTo(b.sha256Fingerprint());
                // the test's trust manager now trusts only B, read from the files: STARTTLS presents B too
                XMPPTCPConnection fresh = Clients.loginNewUser(server, "fresh");
                fresh.disconnect();
                assertThat(PingManager.getInstanceFor(open).pingMyServer()).as("the session opened with A").isTrue();
            } finally {
                open.disconnect();
            }
        }
    }

    @Test
    @DisplayName("a corrupt or mismatched replacement is logged at WARN and the old certificate stays in use")
    void brokenReplacementKeepsTheOldCertificate() throws Exception {
        try (TestServer server = TestServer.start(Map.of("tls.reload_interval", "0"));
                LogCapture log = LogCapture.of(ReloadableTls.class)) {
            String a = presented(server);
            String keyA = Files.readString(key(server));
            CertificateFiles.replace(cert(server), "-----BEGIN CERTIFICATE-----\nnot base64 at all\n");

            assertThat(server.reloadCertificate()).isInstanceOf(ReloadableTls.Outcome.Failed.class);
            log.await(Level.WARN, "still using SHA-256 " + a, WAIT);
            assertThat(presented(server)).isEqualTo(a);

            // a new chain with the old key: the pair does not match
            TlsMaterial b = CertificateFiles.generate();
            CertificateFiles.write(b, cert(server), key(server));
            CertificateFiles.replace(key(server), keyA);

            ReloadableTls.Outcome mismatch = server.reloadCertificate();
            assertThat(mismatch).isInstanceOf(ReloadableTls.Outcome.Failed.class);
            assertThat(((ReloadableTls.Outcome.Failed) mismatch).reason()).contains("does not match");
            log.await(Level.WARN, "still using SHA-256 " + a, WAIT);
            assertThat(presented(server)).isEqualTo(a);
        }
    }

    @Test
    @DisplayName("the periodic check follows certbot's symbolic links: a renewal re-points them, new connections get it")
    void periodicCheckFollowsSymbolicLinks() throws Exception {
        try (TestServer server = TestServer.start(Map.of("tls.reload_interval", "1"));
                LogCapture log = LogCapture.of(ReloadableTls.class)) {
            Path archive = Files.createDirectories(server.dir().resolve("archive"));
            TlsMaterial b = CertificateFiles.generate();
            CertificateFiles.write(b, archive.resolve("fullchain1.pem"), archive.resolve("privkey1.pem"));
            CertificateFiles.relink(key(server), archive.resolve("privkey1.pem"));
            CertificateFiles.relink(cert(server), archive.resolve("fullchain1.pem"));

            log.await(Level.INFO, "reloaded", WAIT);
            assertThat(presented(server)).isEqualTo(b.sha256Fingerprint());

            // the next renewal: new files in archive/, only the links change
            TlsMaterial c = CertificateFiles.generate();
            CertificateFiles.write(c, archive.resolve("fullchain2.pem"), archive.resolve("privkey2.pem"));
            CertificateFiles.relink(key(server), archive.resolve("privkey2.pem"));
            CertificateFiles.relink(cert(server), archive.resolve("fullchain2.pem"));

            log.await(Level.INFO, c.sha256Fingerprint(), WAIT);
            assertThat(presented(server)).isEqualTo(c.sha256Fingerprint());
        }
    }

    /** The fingerprint of the certificate a new direct TLS connection gets. */
    private static String presented(TestServer server) throws Exception {
        try (DirectTlsSocket socket = DirectTlsSocket.connect(server.directTlsPort(), "xmpp-client")) {
            return socket.serverFingerprint();
        }
    }

    private static Path cert(TestServer server) {
        return server.dir().resolve("certs/fullchain.pem");
    }

    private static Path key(TestServer server) {
        return server.dir().resolve("certs/privkey.pem");
    }
}
