package org.parley.it.xep0065;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bytestreams.BytestreamSession;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamManager;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamSession;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.filetransfer.FileTransfer;
import org.jivesoftware.smackx.filetransfer.FileTransferManager;
import org.jivesoftware.smackx.filetransfer.OutgoingFileTransfer;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Clients;
import org.parley.it.support.TestServer;
import org.parley.proxy65.StreamHash;

/**
 * XEP-0065 §6 (mediated connection) through Parley's proxy at {@code proxy.parley.test}: found by service discovery,
 * used by Smack 4.4 for a file transfer between two accounts (Smack offers no stream host of its own here, so the
 * proxy is the only route), and held to the activation rules of §6.3.5 with raw SOCKS5 sockets.
 */
class Socks5ProxyIT {

    private static final String PROXY = "proxy." + TestServer.DOMAIN;
    /** Short, so the timeout case is quick; the other cases activate within milliseconds. */
    private static final int TIMEOUT_SECONDS = 3;

    private static TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("proxy65.timeout", Integer.toString(TIMEOUT_SECONDS)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static DomainBareJid proxyJid() throws Exception {
        return JidCreate.domainBareFrom(PROXY);
    }

    private static Bytestream.StreamHost streamHost(XMPPTCPConnection connection) throws Exception {
        Bytestream query = new Bytestream();
        query.setTo(proxyJid());
        Bytestream answer = connection.createStanzaCollectorAndSend(query).nextResultOrThrow();
        assertThat(answer.getStreamHosts()).hasSize(1);
        return answer.getStreamHosts().get(0);
    }

    private static IQ activate(XMPPTCPConnection requester, String sid, Jid target) throws Exception {
        Bytestream activate = new Bytestream(sid);
        activate.setMode(null);
        activate.setType(IQ.Type.set);
        activate.setTo(proxyJid());
        activate.setToActivate(target);
        return requester.createStanzaCollectorAndSend(activate).nextResultOrThrow();
    }

    private static StanzaError.Condition activationError(XMPPTCPConnection requester, String sid, Jid target) {
        try {
            activate(requester, sid, target);
        } catch (XMPPErrorException e) {
            return e.getStanzaError().getCondition();
        } catch (Exception e) {
            throw new AssertionError("activation failed without a stanza error", e);
        }
        throw new AssertionError("activation succeeded");
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    @Test
    @DisplayName("XEP-0065 §4: the server's disco#items lists the proxy; its disco#info is proxy/bytestreams")
    void discovery() throws Exception {
        XMPPTCPConnection alice = Clients.loginNewUser(server, "alice");
        try {
            ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice);
            DiscoverItems items = disco.discoverItems(JidCreate.domainBareFrom(TestServer.DOMAIN));
            assertThat(items.getItems()).extracting(item -> item.getEntityID().toString()).contains(PROXY);

            DiscoverInfo info = disco.discoverInfo(proxyJid());
            assertThat(info.hasIdentity("proxy", "bytestreams")).isTrue();
            assertThat(info.getIdentities()).extracting(DiscoverInfo.Identity::getName)
                    .containsExactly("SOCKS5 Bytestreams Service");
            assertThat(info.containsFeature(Bytestream.NAMESPACE)).isTrue();
            assertThat(Socks5BytestreamManager.getBytestreamManager(alice).determineProxies())
                    .extracting(Jid::toString).containsExactly(PROXY);
        } finally {
            alice.disconnect();
        }
    }

    @Test
    @DisplayName("XEP-0065 §4: the stream host is the proxy's JID, 127.0.0.1 and the port actually bound")
    void streamHostIsTheBoundListener() throws Exception {
        XMPPTCPConnection alice = Clients.loginNewUser(server, "alice");
        try {
            Bytestream.StreamHost host = streamHost(alice);

            assertThat(host.getJID().toString()).isEqualTo(PROXY);
            assertThat(host.getAddress().toString()).isEqualTo("127.0.0.1");
            try (RawSocks5 socks = RawSocks5.connect("127.0.0.1", host.getPort(), StreamHash.of("x", "a", "b"))) {
                assertThat(socks.status()).as("SOCKS5 reply to CONNECT").isZero();
            }
        } finally {
            alice.disconnect();
        }
    }

    @Test
    @DisplayName("XEP-0096 over XEP-0065 §6: Smack's file transfer between two accounts goes through the proxy intact")
    void fileTransferThroughTheProxy() throws Exception {
        XMPPTCPConnection sender = Clients.loginNewUser(server, "romeo");
        XMPPTCPConnection receiver = Clients.loginNewUser(server, "juliet");
        try {
            // Smack would also offer itself as a stream host on a non-loopback address; the proxy must be the route
            Socks5BytestreamManager.getBytestreamManager(sender).setAnnounceLocalStreamHost(false);
            BlockingQueue<String> activations = new LinkedBlockingQueue<>();
            sender.addAsyncStanzaListener(stanza -> activations.add(stanza.toXML().toString()),
                    stanza -> stanza instanceof IQ iq && iq.getType() == IQ.Type.result
                            && PROXY.equals(String.valueOf(iq.getFrom())) && !(iq instanceof Bytestream));
            byte[] content = randomBytes(3 * 1024 * 1024 + 17);
            Path file = Files.write(dir.resolve("letter.bin"), content);
            CompletableFuture<byte[]> received = new CompletableFuture<>();
            FileTransferManager.getInstanceFor(receiver).addFileTransferListener(request -> {
                try (InputStream in = request.accept().receiveFile()) {
                    received.complete(in.readAllBytes());
                } catch (Exception e) {
                    received.completeExceptionally(e);
                }
            });

            OutgoingFileTransfer transfer = FileTransferManager.getInstanceFor(sender)
                    .createOutgoingFileTransfer(receiver.getUser());
            transfer.sendFile(file.toFile(), "a letter");

            assertThat(received.get(60, TimeUnit.SECONDS)).as("bytes received").isEqualTo(content);
            assertThat(activations.poll(10, TimeUnit.SECONDS)).as("§6.3.5 activation result from the proxy")
                    .isNotNull();
            assertThat(transfer.getStatus()).isNotIn(FileTransfer.Status.error, FileTransfer.Status.cancelled,
                    FileTransfer.Status.refused);
        } finally {
            sender.disconnect();
            receiver.disconnect();
        }
    }

    @Test
    @DisplayName("XEP-0065 §6: a mediated bytestream relays both ways (Smack's Socks5BytestreamSession.isMediated)")
    void bytestreamRelaysBothWays() throws Exception {
        XMPPTCPConnection requester = Clients.loginNewUser(server, "romeo");
        XMPPTCPConnection target = Clients.loginNewUser(server, "juliet");
        try {
            Socks5BytestreamManager requesterManager = Socks5BytestreamManager.getBytestreamManager(requester);
            requesterManager.setAnnounceLocalStreamHost(false);
            byte[] content = randomBytes(1024 * 1024);
            CompletableFuture<byte[]> atTarget = new CompletableFuture<>();
            Socks5BytestreamManager.getBytestreamManager(target).addIncomingBytestreamListener(request -> {
                try {
                    BytestreamSession session = request.accept();
                    byte[] bytes = session.getInputStream().readNBytes(content.length);
                    session.getOutputStream().write(MessageDigest.getInstance("SHA-256").digest(bytes));
                    session.getOutputStream().flush();
                    atTarget.complete(bytes);
                } catch (Exception e) {
                    atTarget.completeExceptionally(e);
                }
            });

            Socks5BytestreamSession session = requesterManager.establishSession(target.getUser());
            try {
                assertThat(session.isMediated()).as("the stream goes through the proxy").isTrue();
                OutputStream out = session.getOutputStream();
                out.write(content);
                out.flush();
                byte[] digest = session.getInputStream().readNBytes(32);

                assertThat(atTarget.get(30, TimeUnit.SECONDS)).isEqualTo(content);
                assertThat(digest).isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
            } finally {
                session.close();
            }
        } finally {
            requester.disconnect();
            target.disconnect();
        }
    }

    @Test
    @DisplayName("XEP-0065 §6.3.5: activation with only one party connected is not-allowed")
    void activationBeforeTheTargetConnected() throws Exception {
        XMPPTCPConnection requester = Clients.loginNewUser(server, "romeo");
        try {
            Jid target = JidCreate.from("juliet@" + TestServer.DOMAIN + "/balcony");
            String hash = StreamHash.of("early", requester.getUser().toString(), target.toString());
            int port = streamHost(requester).getPort();
            try (RawSocks5 requesterSocket = RawSocks5.connect("127.0.0.1", port, hash)) {
                assertThat(requesterSocket.status()).isZero();

                assertThat(activationError(requester, "early", target)).isEqualTo(StanzaError.Condition.not_allowed);

                try (RawSocks5 targetSocket = RawSocks5.connect("127.0.0.1", port, hash)) {
                    assertThat(activate(requester, "early", target).getType()).isEqualTo(IQ.Type.result);
                    requesterSocket.write(new byte[] {1, 2, 3});
                    assertThat(targetSocket.read(3)).containsExactly(1, 2, 3);
                }
            }
        } finally {
            requester.disconnect();
        }
    }

    @Test
    @DisplayName("XEP-0065 §6.3.5: connections under a hash other than SID + requester + target are not found")
    void wrongHash() throws Exception {
        XMPPTCPConnection requester = Clients.loginNewUser(server, "romeo");
        try {
            Jid target = JidCreate.from("juliet@" + TestServer.DOMAIN + "/balcony");
            // the JIDs in the wrong order, as a target confusing the roles would compute it
            String wrong = StreamHash.of("sid1", target.toString(), requester.getUser().toString());
            int port = streamHost(requester).getPort();
            try (RawSocks5 one = RawSocks5.connect("127.0.0.1", port, wrong);
                    RawSocks5 two = RawSocks5.connect("127.0.0.1", port, wrong)) {
                assertThat(activationError(requester, "sid1", target))
                        .isEqualTo(StanzaError.Condition.item_not_found);
            }
        } finally {
            requester.disconnect();
        }
    }

    @Test
    @DisplayName("XEP-0065 §6.3.5: only the requester can activate; anyone else's hash finds nothing")
    void activationBySomeoneElse() throws Exception {
        XMPPTCPConnection requester = Clients.loginNewUser(server, "romeo");
        XMPPTCPConnection mallory = Clients.loginNewUser(server, "tybalt");
        try {
            Jid target = JidCreate.from("juliet@" + TestServer.DOMAIN + "/balcony");
            String hash = StreamHash.of("sid2", requester.getUser().toString(), target.toString());
            int port = streamHost(requester).getPort();
            try (RawSocks5 targetSocket = RawSocks5.connect("127.0.0.1", port, hash);
                    RawSocks5 requesterSocket = RawSocks5.connect("127.0.0.1", port, hash)) {
                assertThat(activationError(mallory, "sid2", target)).isEqualTo(StanzaError.Condition.item_not_found);

                RawSocks5 third = RawSocks5.connect("127.0.0.1", port, hash);
                assertThat(third.status()).as("a third connection to a stream is refused").isEqualTo((byte) 2);
                assertThat(third.readUntilClosed()).isEqualTo(-1);
                third.close();

                assertThat(activate(requester, "sid2", target).getType()).isEqualTo(IQ.Type.result);
                assertThat(activationError(requester, "sid2", target))
                        .as("a hash is used once").isEqualTo(StanzaError.Condition.item_not_found);
                requesterSocket.write("to juliet".getBytes(StandardCharsets.US_ASCII));
                assertThat(targetSocket.read(9)).asString().isEqualTo("to juliet");
                targetSocket.write("to romeo".getBytes(StandardCharsets.US_ASCII));
                assertThat(requesterSocket.read(8)).asString().isEqualTo("to romeo");

                targetSocket.close();
                assertThat(requesterSocket.readUntilClosed()).as("closing one side closes the other").isEqualTo(-1);
            }
        } finally {
            requester.disconnect();
            mallory.disconnect();
        }
    }

    @Test
    @DisplayName("a connection that is not activated within proxy65.timeout is closed")
    void unactivatedConnectionTimesOut() throws Exception {
        XMPPTCPConnection requester = Clients.loginNewUser(server, "romeo");
        try {
            int port = streamHost(requester).getPort();
            long start = System.nanoTime();
            try (RawSocks5 lonely = RawSocks5.connect("127.0.0.1", port, StreamHash.of("late", "a", "b"))) {
                assertThat(lonely.readUntilClosed()).isEqualTo(-1);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .isBetween(TIMEOUT_SECONDS * 1000L - 200, TIMEOUT_SECONDS * 1000L + 5000);
        } finally {
            requester.disconnect();
        }
    }

    @Test
    @DisplayName("other stanzas to the proxy are answered by it (service-unavailable), not as another domain's")
    void otherStanzasToTheProxy() throws Exception {
        XMPPTCPConnection alice = Clients.loginNewUser(server, "alice");
        try {
            Version version = new Version(proxyJid());
            assertThatThrownBy(() -> alice.createStanzaCollectorAndSend(version).nextResultOrThrow())
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(
                            e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable));
        } finally {
            alice.disconnect();
        }
    }

    @Test
    @DisplayName("proxy65.enabled=false: no proxy in disco#items, and proxy.<domain> is just another domain")
    void disabled() throws Exception {
        try (TestServer off = TestServer.start(Map.of("proxy65.enabled", "false"))) {
            XMPPTCPConnection alice = Clients.loginNewUser(off, "alice");
            try {
                DiscoverItems items = ServiceDiscoveryManager.getInstanceFor(alice)
                        .discoverItems(JidCreate.domainBareFrom(TestServer.DOMAIN));
                assertThat(items.getItems()).isEmpty();
                Bytestream query = new Bytestream();
                query.setTo(proxyJid());
                assertThatThrownBy(() -> alice.createStanzaCollectorAndSend(query).nextResultOrThrow())
                        .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError()
                                .getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found));
            } finally {
                alice.disconnect();
            }
        }
    }
}
