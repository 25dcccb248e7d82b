package org.parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.RawXmppClient;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * The caps on connections that have not authenticated (docs/security.md): per IP address and in all; one more is
 * closed with {@code policy-violation} (RFC 6120 §4.9.3.14), and authenticated sessions do not count.
 */
class UnauthenticatedConnectionsIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of(
            "c2s.max_unauthenticated_per_ip", "2", "c2s.max_unauthenticated", "4"));

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    private final List<RawXmppClient> raw = new ArrayList<>();

    @AfterEach
    void closeRawClients() throws Exception {
        for (RawXmppClient client : raw) {
            client.close();
        }
    }

    /** A clear-text stream from {@code address} that got as far as the stream features. */
    private void admitted(String address) throws Exception {
        RawXmppClient client = open(address);
        assertThat(client.readUntil("</stream:features>", WAIT)).as("stream from %s", address)
                .contains("</stream:features>").doesNotContain("policy-violation");
    }

    private void refused(String address) throws Exception {
        RawXmppClient client = open(address);
        assertThat(client.readUntil("</stream:error>", WAIT)).as("stream from %s", address)
                .contains("<policy-violation");
        assertThat(client.awaitClose(WAIT)).as("connection from %s closed", address).isTrue();
    }

    private RawXmppClient open(String address) throws Exception {
        RawXmppClient client = new RawXmppClient(SERVER.server().port(), address);
        raw.add(client);
        client.openStream(TestServer.DOMAIN);
        return client;
    }

    @Test
    @DisplayName("per address, then in all; logged-in sessions never count, and they keep working")
    void unauthenticatedConnectionsAreCapped() throws Exception {
        Actor alice = actors.login("alice");
        actors.login("bob");

        admitted("127.0.0.2");
        admitted("127.0.0.2");
        refused("127.0.0.2");

        admitted("127.0.0.1"); // alice and bob, from the same address, authenticated: they left the count
        admitted("127.0.0.1");
        refused("127.0.0.3"); // four waiting in all

        alice.pingServer();
    }
}
