package org.parley.it.support;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Nonza;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * One scripted resource: a Smack 4.4 connection (TLS, SASL PLAIN, automation pinned as in {@link Clients}) plus the
 * {@link Inbox} that records everything it receives, roster pushes included.
 *
 * <p>Smack hands IQ requests only to IQ request handlers, never to stanza listeners, so the actor replaces Smack's
 * own roster-push handler with one that records the push in the inbox and answers it with an empty result (RFC 6121
 * §2.1.6). Smack's {@code Roster} therefore never sees a push; scripts read the roster with {@link #rosterGet()}.
 *
 * <p>Nothing is sent that the script does not send: no initial presence at login, no roster request, no answer to a
 * subscription request.
 */
public final class Actor implements AutoCloseable {

    private static final AtomicInteger BARRIERS = new AtomicInteger();

    private final Account account;
    private final String local;
    private final XMPPTCPConnection connection;
    private final Inbox inbox;
    private final CompletableFuture<Exception> closed;

    private Actor(Account account, String local, XMPPTCPConnection connection, Inbox inbox,
            CompletableFuture<Exception> closed) {
        this.account = account;
        this.local = local;
        this.connection = connection;
        this.inbox = inbox;
        this.closed = closed;
    }

    static Actor login(Account account, String resource) throws Exception {
        return login(account, Clients.config(account.server(), account.local(), account.password()), account.local(),
                resource);
    }

    /**
     * Logs in to a server this JVM did not start, such as a {@link ParleyProcess}, on {@code port} and trusting what
     * {@code trust} trusts (for a process: {@link ParleyProcess.Home#trustManager()}). Such an actor has no
     * {@link #account()}; the caller signs it off.
     */
    public static Actor login(int port, X509TrustManager trust, String local, String password, String resource)
            throws Exception {
        return login(null, Clients.config(port, trust, local, password), local, resource);
    }

    private static Actor login(Account account, XMPPTCPConnectionConfiguration.Builder config, String local,
            String resource) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(config.setResource(resource).build());
        connection.setReplyTimeout(Inbox.TIMEOUT.toMillis());
        Inbox inbox = new Inbox(local + "/" + resource);
        // Smack's Roster registers its push handler when it is created; make sure it exists, then replace it
        Roster.getInstanceFor(connection);
        connection.registerIQRequestHandler(new AbstractIqRequestHandler(RosterPacket.ELEMENT, RosterPacket.NAMESPACE,
                IQ.Type.set, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ push) {
                inbox.add(push);
                return IQ.createResultIQ(push);
            }
        });
        // sync: called in arrival order, on the same ordered executor as the sync IQ handler above
        connection.addSyncStanzaListener(inbox::add, stanza -> true);
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosed() {
                closed.complete(null);
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                closed.complete(e);
            }
        });
        connection.connect();
        try {
            connection.login();
        } catch (Exception e) {
            connection.disconnect();
            throw e;
        }
        inbox.self(connection.getUser().asBareJid());
        return new Actor(account, local, connection, inbox, closed);
    }

    /** The {@link TestServer} account; null for an actor logged in to a server process. */
    public Account account() {
        return account;
    }

    public XMPPTCPConnection connection() {
        return connection;
    }

    public Inbox inbox() {
        return inbox;
    }

    /** The bound full JID. */
    public EntityFullJid jid() {
        return connection.getUser();
    }

    public EntityBareJid bareJid() {
        return connection.getUser().asEntityBareJid();
    }

    public void send(Stanza stanza) throws Exception {
        connection.sendStanza(stanza);
    }

    public PresenceBuilder presenceBuilder() {
        return connection.getStanzaFactory().buildPresenceStanza();
    }

    /**
     * Initial (or updated) available presence with no 'to': {@code <presence/>}. Returns once the server has
     * processed it (a ping round trip on the same stream, which the server handles in order), so a stanza another
     * actor sends next finds this resource available.
     */
    public void available() throws Exception {
        sendAndSync(presenceBuilder().build());
    }

    /** Available presence with show, status and priority; returns once the server has processed it. */
    public void available(Presence.Mode show, String status, int priority) throws Exception {
        sendAndSync(presenceBuilder().setMode(show).setStatus(status).setPriority(priority).build());
    }

    public void available(Presence.Mode show, String status) throws Exception {
        sendAndSync(presenceBuilder().setMode(show).setStatus(status).build());
    }

    /** Available presence with only a priority; returns once the server has processed it. */
    public void availableWithPriority(int priority) throws Exception {
        sendAndSync(presenceBuilder().setPriority(priority).build());
    }

    private void sendAndSync(Stanza stanza) throws Exception {
        send(stanza);
        pingServer();
    }

    /** A presence of {@code type} addressed to {@code to}: subscription management, probe, directed presence. */
    public void presence(Presence.Type type, Jid to) throws Exception {
        send(presenceBuilder().ofType(type).to(to).build());
    }

    public void subscribe(Jid contact) throws Exception {
        presence(Presence.Type.subscribe, contact);
    }

    public void subscribed(Jid contact) throws Exception {
        presence(Presence.Type.subscribed, contact);
    }

    public void unsubscribe(Jid contact) throws Exception {
        presence(Presence.Type.unsubscribe, contact);
    }

    public void unsubscribed(Jid contact) throws Exception {
        presence(Presence.Type.unsubscribed, contact);
    }

    /** Sends a message of {@code type} and returns it (with its id). */
    public Message message(Jid to, Message.Type type, String body) throws Exception {
        Message message = connection.getStanzaFactory().buildMessageStanza().to(to).ofType(type).setBody(body)
                .build();
        send(message);
        return message;
    }

    public Message chat(Jid to, String body) throws Exception {
        return message(to, Message.Type.chat, body);
    }

    /** A roster get without 'ver' (RFC 6121 §2.1.3); fails unless the answer is a roster result. */
    public RosterPacket rosterGet() throws Exception {
        RosterPacket get = new RosterPacket();
        get.setType(IQ.Type.get);
        IQ result = request(get);
        if (!(result instanceof RosterPacket)) {
            throw new AssertionError("RFC 6121 §2.1.3: a roster get is answered with a <query/>, got "
                    + Inbox.show(result));
        }
        return (RosterPacket) result;
    }

    /** A roster get with {@code ver} (RFC 6121 §2.6.2); the raw answer: a roster or an empty result. */
    public IQ rosterGet(String ver) throws Exception {
        RosterPacket get = new RosterPacket();
        get.setType(IQ.Type.get);
        get.setVersion(ver);
        return request(get);
    }

    /** A roster set with these items (normally one); returns the result or throws the stanza error. */
    public IQ rosterSet(RosterPacket.Item... items) throws Exception {
        RosterPacket set = new RosterPacket();
        set.setType(IQ.Type.set);
        for (RosterPacket.Item item : items) {
            set.addRosterItem(item);
        }
        return request(set);
    }

    /** A roster set expected to fail; returns its stanza error. */
    public StanzaError rosterSetError(RosterPacket.Item... items) throws Exception {
        RosterPacket set = new RosterPacket();
        set.setType(IQ.Type.set);
        for (RosterPacket.Item item : items) {
            set.addRosterItem(item);
        }
        return iqError(set);
    }

    /** Sends an IQ request expected to fail; returns its stanza error (fails on a result or no answer). */
    public StanzaError iqError(IQ iq) throws Exception {
        try {
            IQ result = request(iq);
            throw new AssertionError("expected a stanza error in answer to " + Inbox.show(iq) + ", got "
                    + Inbox.show(result));
        } catch (XMPPException.XMPPErrorException e) {
            return e.getStanzaError();
        }
    }

    /**
     * Sends an IQ request and returns its result (or throws its stanza error). Smack 4.4 accepts a reply only from
     * the JID the request went to (or, for requests to the own account or server, from those); a reply from
     * anywhere else is dropped as possibly spoofed and the request times out. The inbox still recorded it, so
     * that case fails here with the reply that was dropped rather than with a bare timeout.
     */
    public IQ request(IQ request) throws Exception {
        try {
            return connection.sendIqRequestAndWaitForResponse(request);
        } catch (SmackException.NoResponseException e) {
            Optional<Stanza> dropped = inbox.find(s -> s instanceof IQ && request.getStanzaId().equals(s.getStanzaId()));
            if (dropped.isPresent()) {
                throw new AssertionError("the answer to " + Inbox.show(request) + " arrived from '"
                        + dropped.get().getFrom() + "', not from '" + request.getTo() + "' where the request went,"
                        + " so Smack dropped it as a possibly spoofed reply: " + Inbox.show(dropped.get()), e);
            }
            throw e;
        }
    }

    /** A ping to the own server and its answer: everything this session sent before has been processed. */
    public void pingServer() throws Exception {
        request(new Ping(JidCreate.domainBareFrom(TestServer.DOMAIN)));
    }

    /**
     * Sends a marker message to {@code recipient}'s full JID and waits until it arrives there. Whatever the server
     * sent to the recipient on this actor's behalf before the marker has then arrived too (RFC 6120 §10.1,
     * in-order processing), so the recipient's inbox can be checked for absence.
     */
    public void barrier(Actor recipient) throws Exception {
        String token = Integer.toString(BARRIERS.incrementAndGet());
        message(recipient.jid(), Message.Type.normal, Inbox.BARRIER_PREFIX + token);
        recipient.inbox().awaitBarrier(token);
    }

    /** Writes {@code xml} as is into the (TLS) stream, e.g. something that is not well-formed. */
    public void sendRaw(String xml) throws Exception {
        connection.sendNonza(new Nonza() {
            @Override
            public String getNamespace() {
                return null;
            }

            @Override
            public String getElementName() {
                return "raw";
            }

            @Override
            public CharSequence toXML(XmlEnvironment environment) {
                return xml;
            }
        });
    }

    /**
     * Waits until the server has ended this stream, and returns how Smack saw the end: the exception (for instance
     * a {@code StreamErrorException}) or null for an orderly close.
     */
    public Exception awaitClosedByServer(Duration timeout) throws Exception {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(this + ": the server did not end the stream within " + timeout.toMillis()
                    + " ms", e);
        }
    }

    /** Drops the TCP connection without an unavailable presence or a closing stream tag. */
    public void kill() {
        connection.instantShutdown();
    }

    /** Signs off: unavailable presence, closing stream tag (Smack's {@code disconnect()}). Idempotent. */
    @Override
    public void close() {
        if (!closed.isDone() && connection.isConnected()) {
            connection.disconnect();
        }
    }

    @Override
    public String toString() {
        return connection.isAuthenticated() ? jid().toString() : local;
    }
}
