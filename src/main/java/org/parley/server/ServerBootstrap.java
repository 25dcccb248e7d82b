package org.parley.server;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.modules.Module;
import org.apache.vysper.xmpp.modules.extension.xep0119_xmppping.XmppPingModule;
import org.apache.vysper.xmpp.modules.extension.xep0202_entity_time.EntityTimeModule;
import org.apache.vysper.xmpp.modules.servicediscovery.ServiceDiscoveryModule;
import org.parley.abuse.AuthThrottle;
import org.parley.account.AccountService;
import org.parley.account.PasswordPolicy;
import org.parley.account.vysper.InBandRegistrationModule;
import org.parley.account.vysper.SaslMechanisms;
import org.parley.account.vysper.VysperAccounts;
import org.parley.archive.ArchiveRetention;
import org.parley.archive.ArchiveService;
import org.parley.archive.ArchiveWriter;
import org.parley.archive.vysper.MamModule;
import org.parley.caps.CapsCache;
import org.parley.carbons.vysper.CarbonsModule;
import org.parley.config.ServerConfig;
import org.parley.csi.vysper.CsiListener;
import org.parley.pep.PepService;
import org.parley.pep.vysper.PepModule;
import org.parley.storage.Database;
import org.parley.storage.h2.H2AccountStore;
import org.parley.storage.h2.H2ArchiveStore;
import org.parley.storage.h2.H2OfflineStore;
import org.parley.storage.h2.H2PepStore;
import org.parley.storage.h2.H2PresenceStore;
import org.parley.storage.h2.H2RosterStore;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.offline.GroupCommitOfflineStore;
import org.parley.offline.vysper.OfflineModule;
import org.parley.routing.PresenceRegistry;
import org.parley.routing.vysper.Availability;
import org.parley.routing.vysper.RoutingHooks;
import org.parley.presence.WriteBehindPresenceStore;
import org.parley.presence.SubscriptionService;
import org.parley.presence.vysper.PresenceModule;
import org.parley.proxy65.BytestreamProxy;
import org.parley.proxy65.ProxyPairs;
import org.parley.proxy65.RelayConnection;
import org.parley.proxy65.StreamHost;
import org.parley.proxy65.mina.Socks5Listener;
import org.parley.proxy65.vysper.Proxy65Module;
import org.parley.roster.CachingRosterStore;
import org.parley.roster.RosterService;
import org.parley.roster.vysper.RosterModule;
import org.parley.roster.vysper.RosterPusher;
import org.parley.server.vysper.FloodLimits;
import org.parley.server.vysper.SaslBackoff;
import org.parley.server.vysper.StreamFeatures;
import org.parley.server.vysper.C2sEndpoint;
import org.parley.streammgmt.SmLimits;
import org.parley.config.SmConfig;
import org.parley.server.vysper.VysperRuntime;
import org.parley.tls.CertificateWatcher;
import org.parley.tls.ReloadableTls;
import org.parley.tls.TlsException;
import org.parley.tls.TlsMaterial;
import org.parley.tls.TlsMaterialLoader;
import org.parley.xmpp.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one composition root (style rule 8): builds every service from a validated {@link ServerConfig} and wires
 * them into Vysper. Nothing else in Parley calls {@code new} on a service or reaches for a global.
 */
public final class ServerBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(ServerBootstrap.class);

    /**
     * Addresses, accounts and (account, address) pairs with recent failed logins that are remembered, and as many
     * pairs with a successful login; about 100 bytes each.
     */
    private static final int AUTH_THROTTLE_ENTRIES = 100_000;

    /** How long a successful login from an address keeps that address known for the account (ADR 0019). */
    private static final Duration AUTH_KNOWN_PAIR = Duration.ofDays(30);

    /**
     * Presence bookkeeping writes that may wait for the writer thread (ADR 0014): a login storm of this many
     * sessions is recorded in batches; beyond it, the sessions write themselves. About 100 bytes each.
     */
    private static final int PRESENCE_WRITE_QUEUE = 65_536;

    /** Offline messages written in one transaction at most; about 50 inserts cost what one commit costs. */
    private static final int OFFLINE_GROUP_COMMIT = 256;

    /**
     * Archive rows written in one transaction at most (group commit across senders, ADR 0022); a message between
     * two local users is two rows.
     */
    private static final int ARCHIVE_GROUP_COMMIT = 512;

    /** Client versions whose capabilities are remembered (XEP-0115); a few hundred bytes each. */
    private static final int CAPS_CACHE_SIZE = 4096;

    private ServerBootstrap() {}

    /** Opens the database, loads (or creates) the certificate and starts listening. */
    public static ParleyServer start(ServerConfig config) throws IOException, TlsException {
        LOG.info("starting Parley for domain {}", config.domain());
        LOG.info("effective configuration: {}", config.effectiveProperties());

        Clock clock = Clock.systemUTC();
        List<AutoCloseable> resources = new ArrayList<>();
        Database database = Database.openFile(config.dataDir(), config.database().poolSize());
        resources.add(database);
        Socks5Listener socks5 = null;
        try {
            // One cached store for every reader and writer of rosters: a write through any other instance would not
            // drop the cached roster. Deleting an account empties its roster by cascade, so the accounts drop it too.
            H2RosterStore h2Rosters = new H2RosterStore(database.dataSource());
            CachingRosterStore rosters = new CachingRosterStore(h2Rosters, config.rosters().cacheSize());
            H2ArchiveStore archiveStore = new H2ArchiveStore(database.dataSource());
            ArchiveService archive = new ArchiveService(archiveStore, config.devices().mam().defaultRule(),
                    (owner, contact) -> rosters.item(owner, contact).isPresent());
            AccountService accounts = accountService(config, database, jid -> {
                rosters.evict(jid);
                archive.evict(jid); // cached preferences; the rows go with the account by cascade
            });
            TlsMaterial material = TlsMaterialLoader.loadOrCreate(config.tls().cert(), config.tls().key(),
                    config.tls().pkcs12(), config.tls().pkcs12Password().toCharArray(), config.domain(),
                    clock);
            LOG.info("TLS certificate for {} valid until {}: SHA-256 {} (SHA-1 {}, as some clients show it)",
                    material.dnsNames(), material.notAfter(), material.sha256Fingerprint(),
                    material.sha1Fingerprint());
            ReloadableTls tls = reloadableTls(config, material, clock);
            if (!config.tls().reloadInterval().isZero()) {
                resources.add(CertificateWatcher.start(certificateFiles(config), config.tls().reloadInterval(),
                        tls::reload));
            }

            VysperAccounts vysperAccounts = new VysperAccounts(accounts, config.domain());
            WriteBehindPresenceStore presenceStore = new WriteBehindPresenceStore(
                    new H2PresenceStore(database.dataSource()), PRESENCE_WRITE_QUEUE);
            resources.add(presenceStore); // closed after the presence module, which records who was online
            presenceStore.serverStarted(ProcessHandle.current().pid(), clock.instant());
            RosterPusher pusher = new RosterPusher();
            PepModule pep = new PepModule(config.domain(),
                    new PepService(new H2PepStore(database.dataSource(), clock), rosters, clock), rosters, accounts::exists,
                    new CapsCache(CAPS_CACHE_SIZE));
            RoutingHooks hooks = new RoutingHooks();
            PresenceRegistry<Stanza> online = new PresenceRegistry<>();
            PresenceModule presence = new PresenceModule(new PresenceModule.Parts(config.domain(),
                    // pending requests are not in the cached rosters; they are read once per sign-on
                    online, presenceStore, rosters, h2Rosters,
                    new SubscriptionService(rosters, accounts::exists, config.domain()), pusher, accounts::exists,
                    hooks, clock));
            // The features on the message path, in the order they run (ADR 0016): offline storage first, so a
            // message it holds back behind a flush is seen by no one else before it is delivered.
            // offline messages are committed before the sender's next stanza: batched across senders (group commit)
            hooks.register(new OfflineModule(config.domain(), new GroupCommitOfflineStore(
                    new H2OfflineStore(database.dataSource()), OFFLINE_GROUP_COMMIT),
                    config.offline().quota(), user -> online.resources(user).stream()
                            .map(r -> new Availability.Resource(r.resource(), r.priority())).toList(),
                    presence.directWriter(), clock));
            hooks.register(pep.routingListener());
            MamModule mam = null;
            if (config.devices().mam().enabled()) {
                // archived on the sender's thread before the message is routed on: batched across senders too
                mam = new MamModule(config.domain(), archive, new ArchiveWriter(archiveStore, ARCHIVE_GROUP_COMMIT,
                        config.devices().mam().maxMessagesPerUser(), clock));
                hooks.register(mam.routingListener());
                if (!config.devices().mam().retention().isZero()) {
                    resources.add(ArchiveRetention.start(archiveStore, config.devices().mam().retention(), clock));
                }
            }
            // carbons copy what is routed as the listeners before them left it (the archive's stanza-id included)
            CarbonsModule carbons = config.devices().carbons().enabled()
                    ? new CarbonsModule(presence.router()::deliverTo) : null;
            if (carbons != null) {
                hooks.register(carbons.routingListener());
            }
            List<XMLElement> postAuthFeatures = new ArrayList<>(RosterModule.streamFeatures());
            if (config.devices().csi().enabled()) {
                // last: every other listener has seen a stanza before it is held, and held ones are written past
                // the hooks, so none of them meets it twice
                hooks.register(new CsiListener(presence.directWriter(), config.devices().csi().maxHeld()));
                postAuthFeatures.add(CsiListener.streamFeature());
            }
            hooks.seal();
            resources.add(presence); // closed before the database: records who was online at shutdown

            List<Module> modules = new ArrayList<>(coreModules());
            modules.add(new RosterModule(new RosterService(rosters), pusher, presence.removalPresences()));
            modules.add(presence);
            modules.add(pep);
            if (mam != null) {
                modules.add(mam);
            }
            if (carbons != null) {
                modules.add(carbons); // its handler, and urn:xmpp:carbons:2 in the server's disco#info
            }
            if (config.proxy65().enabled()) {
                ProxyPairs<RelayConnection> pairs = new ProxyPairs<>(config.proxy65().maxPairs());
                socks5 = Socks5Listener.start(new Socks5Listener.Settings(
                        config.proxy65().bindAddress(config.c2s().bind()), config.proxy65().port(),
                        config.proxy65().timeout(), config.proxy65().maxPairs()), pairs);
                resources.add(socks5); // closed after the client listener, before the database
                // the announced port is the bound one, so port 0 works in tests
                StreamHost host = new StreamHost(Proxy65Module.jid(config.domain()),
                        config.proxy65().advertisedHost(config.c2s().bind(), config.domain()), socks5.port());
                modules.add(new Proxy65Module(config.domain(), new BytestreamProxy(host, pairs)));
            }
            SaslBackoff saslThrottle = new SaslBackoff(new AuthThrottle(new AuthThrottle.Policy(
                    config.abuse().authDelayAfter(), config.abuse().authDelay(), config.abuse().authLockoutAfter(),
                    config.abuse().authLockout(), config.abuse().authAccountLockoutAfter(), AUTH_KNOWN_PAIR,
                    AUTH_THROTTLE_ENTRIES), clock));
            resources.add(saslThrottle); // its timer thread ends with the server
            SaslMechanisms sasl = new SaslMechanisms(accounts, config.domain(), config.accounts().scramIterations(),
                    material.leaf(), saslThrottle);
            List<XMLElement> preAuthFeatures = new ArrayList<>(sasl.streamFeatures());
            if (config.accounts().inbandRegistration()) {
                InBandRegistrationModule registration = new InBandRegistrationModule(accounts, config.domain());
                modules.add(registration);
                preAuthFeatures.add(registration.streamFeature());
            }
            VysperRuntime xmpp = VysperRuntime.start(new VysperRuntime.Spec(
                    config.domain(),
                    sasl.mechanisms(),
                    vysperAccounts,
                    List.of(),
                    List.of(pep.leadingDictionary(), presence.leadingDictionary(), sasl.dictionary()),
                    modules,
                    List.of(presence.trailingDictionary()),
                    presence.router(),
                    config.c2s().startTlsRequired(),
                    tls,
                    new C2sEndpoint.Settings(config.c2s().bind(), config.c2s().port(), config.c2s().backlog(),
                            config.c2s().tcpNoDelay(), config.c2s().idleTimeout(), config.processing().threads(),
                            config.c2s().maxQueuedStanzas(), config.c2s().maxStanzaSize(),
                            config.c2s().maxDepth(), config.c2s().maxAttributes(), config.c2s().maxPreAuthBytes(),
                            config.processing().shutdownGrace(),
                            new StreamFeatures(preAuthFeatures, postAuthFeatures),
                            config.directTls().enabled()
                                    ? OptionalInt.of(config.directTls().port())
                                    : OptionalInt.empty()),
                    new C2sEndpoint.Output(config.processing().maxOutputBytes(), config.processing().writeTimeout(),
                            presence.undelivered(), hooks, smLimits(config.devices().sm())),
                    new FloodLimits(config.abuse().maxSessionsPerAccount(), config.abuse().maxUnauthenticated(),
                            config.abuse().maxUnauthenticatedPerIp(), config.abuse().readRate(),
                            config.abuse().readBurst(), config.abuse().pingInterval(),
                            config.abuse().pingTimeout(), config.abuse().loginTimeout())));
            LOG.info("Parley is up: domain {}, clients on port {}{}", config.domain(), xmpp.c2sPort(),
                    xmpp.directTlsPort().isPresent() ? " (direct TLS on " + xmpp.directTlsPort().getAsInt() + ")" : "");
            return new ParleyServer(xmpp, accounts, tls, resources);
        } catch (IOException | TlsException | RuntimeException e) {
            closeStartedResources(resources);
            if (socks5 != null) {
                socks5.close();
            }
            database.close();
            throw e;
        }
    }

    /** The account service over the H2 store, as the server and the admin CLI both use it. */
    public static AccountService accountService(ServerConfig config, Database database) {
        return accountService(config, database, jid -> {});
    }

    /** The account service, telling {@code createdOrRemoved} of each account it creates or removes. */
    private static AccountService accountService(ServerConfig config, Database database,
            Consumer<BareJid> createdOrRemoved) {
        return new AccountService(new H2AccountStore(database.dataSource()),
                new PasswordPolicy(config.accounts().minPasswordLength()), config.accounts().scramIterations(),
                new SecureRandom(), Clock.systemUTC(), createdOrRemoved);
    }

    /** Certificate reload: the files are read again as at startup, but a missing one is never replaced. */
    private static ReloadableTls reloadableTls(ServerConfig config, TlsMaterial initial, Clock clock)
            throws TlsException {
        ServerConfig.Tls files = config.tls();
        return new ReloadableTls(initial, () -> TlsMaterialLoader.loadInstalled(files.cert(), files.key(),
                files.pkcs12(), files.pkcs12Password().toCharArray(), config.domain(), clock));
    }

    /** The files a renewal replaces: the keystore when one is configured, else the PEM pair. */
    private static List<Path> certificateFiles(ServerConfig config) {
        return config.tls().pkcs12().map(List::of).orElseGet(() -> List.of(config.tls().cert(), config.tls().key()));
    }

    /** Stops what already runs threads of its own; the caller closes the database after this. */
    private static void closeStartedResources(List<AutoCloseable> resources) {
        resources.stream().filter(CertificateWatcher.class::isInstance).map(CertificateWatcher.class::cast)
                .forEach(CertificateWatcher::close);
        resources.stream().filter(ArchiveRetention.class::isInstance).map(ArchiveRetention.class::cast)
                .forEach(ArchiveRetention::close);
        // its writer thread is started; what it still holds goes to the database before that closes
        resources.stream().filter(WriteBehindPresenceStore.class::isInstance)
                .map(WriteBehindPresenceStore.class::cast).forEach(WriteBehindPresenceStore::close);
    }

    private static List<Module> coreModules() {
        return List.of(
                new ServiceDiscoveryModule(),
                new XmppPingModule(),
                new EntityTimeModule());
    }

    /** The XEP-0198 settings as the session layer takes them (docs/adr/0021). */
    private static SmLimits smLimits(SmConfig sm) {
        return new SmLimits(sm.enabled(), sm.requestAfter(), sm.requestDelay(), sm.resumeTimeout(), sm.maxUnacked(),
                sm.maxResumablePerAccount(), sm.maxResumable());
    }
}
