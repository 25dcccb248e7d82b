package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * SCRAM with a second, independent client implementation: slixmpp (Debian {@code python3-slixmpp}), driven through
 * {@code resources/slixmpp/login.py}. slixmpp 1.8 binds only with {@code tls-unique}, which TLS 1.3 does not define
 * and Parley does not offer; it then sends the gs2 flag {@code y} although the server offers -PLUS, which RFC 5802
 * §6 makes the server refuse. So the logins run slixmpp as a client without channel binding (flag {@code n}), and
 * one test pins the refusal of its default.
 */
class SlixmppLoginIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static final long TIMEOUT_SECONDS = 30;

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @TempDir
    static Path scripts;

    private static Path script;

    @BeforeAll
    static void copyScript() throws IOException {
        script = scripts.resolve("login.py");
        try (InputStream in = SlixmppLoginIT.class.getResourceAsStream("/slixmpp/login.py")) {
            Files.copy(in, script);
        }
    }

    @Test
    @DisplayName("RFC 7677: slixmpp logs in with SCRAM-SHA-256")
    void scramSha256() throws Exception {
        String name = TestServer.uniqueName("slix");
        SERVER.server().createUser(name, "slix-pässword");

        List<String> out = run(name, "slix-pässword", "SCRAM-SHA-256", "no-channel-binding");

        assertThat(out).contains("MECHANISM SCRAM-SHA-256").anyMatch(line -> line.startsWith("LOGGED-IN " + name));
    }

    @Test
    @DisplayName("RFC 5802: slixmpp logs in with SCRAM-SHA-1")
    void scramSha1() throws Exception {
        String name = TestServer.uniqueName("slix1");
        SERVER.server().createUser(name, "slix-password");

        assertThat(run(name, "slix-password", "SCRAM-SHA-1", "no-channel-binding")).contains("MECHANISM SCRAM-SHA-1");
    }

    @Test
    @DisplayName("RFC 6120 §6.5.10: slixmpp with a wrong password is refused")
    void wrongPassword() throws Exception {
        String name = TestServer.uniqueName("slixbad");
        SERVER.server().createUser(name, "slix-password");

        assertThat(run(name, "not-the-password", "SCRAM-SHA-256", "no-channel-binding")).contains("AUTH-FAILED")
                .noneMatch(line -> line.startsWith("LOGGED-IN"));
    }

    @Test
    @DisplayName("RFC 5802 §6: slixmpp 1.8's default (flag 'y' next to an offered -PLUS) is refused as a downgrade")
    void slixmppDefaultIsADowngrade() throws Exception {
        String name = TestServer.uniqueName("slixy");
        SERVER.server().createUser(name, "slix-password");

        assertThat(run(name, "slix-password", "SCRAM-SHA-256")).contains("AUTH-FAILED");
    }

    private static List<String> run(String local, String password, String... mechanismAndMode) throws Exception {
        Path ca = SERVER.server().dir().resolve("certs/fullchain.pem");
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(),
                local + "@" + TestServer.DOMAIN, password, Integer.toString(SERVER.server().port()), ca.toString()));
        command.addAll(List.of(mechanismAndMode));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("slixmpp finished").isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("slixmpp's exit code; output:%n%s", output).isZero();
            return output.lines().toList();
        } finally {
            process.destroyForcibly();
        }
    }
}
