package org.parley.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.CertificateFiles;
import org.parley.it.support.DirectTlsSocket;
import org.parley.it.support.HomePerTest;
import org.parley.it.support.ParleyProcess;
import org.parley.tls.TlsMaterial;

/** {@code kill -HUP <pid>} on the real jar re-reads the certificate, and the server keeps running. */
class SighupReloadIT {

    private static final Pattern DIRECT_TLS_PORT = Pattern.compile("direct TLS on (\\d+)");

    @RegisterExtension
    final HomePerTest homes = new HomePerTest();

    @Test
    @DisplayName("SIGHUP reloads the certificate files: new connections get the new certificate")
    void sighupReloads() throws Exception {
        ParleyProcess.Home home = homes.home();
        // the periodic check off: only the signal can have caused the reload
        ParleyProcess.Server server = home.start("--set", "tls.reload_interval=0");
        int directTls = Integer.parseInt(server.process().awaitStdout(DIRECT_TLS_PORT, ParleyProcess.STARTUP)
                .group(1));
        TlsMaterial renewed = CertificateFiles.generate();
        CertificateFiles.write(renewed, home.certificateFile(), home.dir().resolve("certs/privkey.pem"));

        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.process().pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();

        server.process().awaitStdout(Pattern.compile("TLS certificate reloaded .*SHA-256 "
                + Pattern.quote(renewed.sha256Fingerprint())), ParleyProcess.COMMAND);
        try (DirectTlsSocket socket = DirectTlsSocket.connect(directTls, "xmpp-client")) {
            assertThat(socket.serverFingerprint()).isEqualTo(renewed.sha256Fingerprint());
        }
        assertThat(server.process().isAlive()).as("SIGHUP does not stop the server").isTrue();
    }
}
