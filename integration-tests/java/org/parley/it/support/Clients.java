package org.parley.it.support;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * Builds Smack 4.4 connections to a {@link TestServer}, with Smack's automatic behaviour pinned (style.md §3.8): TLS
 * required and trusting only the test certificate, SASL PLAIN (tests that are about SCRAM add their mechanism), no
 * automatic presence, no roster load at login, no XEP-0198 stream management.
 */
public final class Clients {

    static {
        Roster.setRosterLoadedAtLoginDefault(false);
        Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.manual);
        // Smack 4.4 enables XEP-0198 with resumption by default: a test that cuts a connection would then see the
        // session wait for a resumption. Stream management tests switch it on per connection (it/xep0198).
        XMPPTCPConnection.setUseStreamManagementDefault(false);
        XMPPTCPConnection.setUseStreamManagementResumptionDefault(false);
    }

    /**
     * Each connection asks for its own resource: the server honours the requested one (RFC 6120 §7.7), and two
     * connections of one account with the same resource would replace each other (§7.7.2.2).
     */
    private static final AtomicInteger RESOURCES = new AtomicInteger();

    private Clients() {}

    public static XMPPTCPConnectionConfiguration.Builder config(TestServer server, String local, String password) {
        return config(server.port(), server.trustManager(), local, password);
    }

    public static XMPPTCPConnectionConfiguration.Builder config(int port, X509TrustManager trust, String local,
            String password) {
        try {
            return XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(TestServer.DOMAIN)
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setUsernameAndPassword(local, password)
                    .setResource("it-" + RESOURCES.incrementAndGet())
                    .setSecurityMode(SecurityMode.required)
                    .setCustomX509TrustManager(trust)
                    .setSendPresence(false)
                    .setConnectTimeout(10_000)
                    .addEnabledSaslMechanism("PLAIN");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connected (TLS negotiated), not yet authenticated connection. */
    public static XMPPTCPConnection connect(TestServer server, String local, String password) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(config(server, local, password).build());
        connection.setReplyTimeout(10_000);
        connection.connect();
        return connection;
    }

    /**
     * A connected, not yet authenticated connection from {@code localAddress}, another loopback address such as
     * 127.0.0.2 (Linux routes all of 127/8 to the loopback interface), to look like a second host.
     */
    public static XMPPTCPConnection connectFrom(String localAddress, TestServer server, String local,
            String password) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(config(server, local, password)
                .setSocketFactory(new LocalAddressSocketFactory(InetAddress.getByName(localAddress))).build());
        connection.setReplyTimeout(10_000);
        connection.connect();
        return connection;
    }

    /** Creates a fresh account named {@code prefix-N} on the server and returns it logged in. */
    public static XMPPTCPConnection loginNewUser(TestServer server, String prefix) throws Exception {
        String name = TestServer.uniqueName(prefix);
        String password = prefix + "-password";
        server.createUser(name, password);
        return login(server, name, password);
    }

    /** A connected and logged-in connection. */
    public static XMPPTCPConnection login(TestServer server, String local, String password) throws Exception {
        XMPPTCPConnection connection = connect(server, local, password);
        connection.login();
        return connection;
    }
}
