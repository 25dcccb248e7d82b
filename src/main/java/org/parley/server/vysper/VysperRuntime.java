package org.parley.server.vysper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.apache.vysper.storage.OpenStorageProviderRegistry;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.authorization.AccountManagement;
import org.apache.vysper.xmpp.authorization.SASLMechanism;
import org.apache.vysper.xmpp.delivery.StanzaRelay;
import org.apache.vysper.xmpp.delivery.StanzaRelayBroker;
import org.apache.vysper.xmpp.modules.Module;
import org.apache.vysper.xmpp.modules.core.base.BaseStreamStanzaDictionary;
import org.apache.vysper.xmpp.modules.core.sasl.SASLStanzaDictionary;
import org.apache.vysper.xmpp.modules.core.session.SessionStanzaDictionary;
import org.apache.vysper.xmpp.modules.core.starttls.StartTLSStanzaDictionary;
import org.apache.vysper.xmpp.protocol.HandlerDictionary;
import org.apache.vysper.xmpp.protocol.StanzaHandler;
import org.apache.vysper.xmpp.server.DefaultServerRuntimeContext;
import org.apache.vysper.xmpp.server.ServerFeatures;
import org.apache.vysper.storage.StorageProvider;
import org.parley.tls.TlsContextFactory;
import org.parley.xmpp.vysper.StanzaXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes Vysper's runtime the way Parley needs it, instead of {@code XMPPServer.start()} (ADR 0002): our SASL
 * mechanisms, our ordered relay, no federation, no Vysper roster module hard-wired ahead of ours, no trust-all TLS
 * manager, and every thread owned and stopped here. {@code server.ServerBootstrap} decides what goes in; this class
 * only knows how Vysper is assembled.
 */
public final class VysperRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VysperRuntime.class);

    /**
     * What to assemble. {@code leadingDictionaries} come before Vysper's core dictionaries, {@code modules} after them
     * in order, {@code trailingDictionaries} last: the lookup returns the first match. {@code tls} gives the TLS
     * context current at each handshake.
     */
    public record Spec(String domain, List<SASLMechanism> saslMechanisms, AccountManagement accounts,
            List<StorageProvider> storageProviders, List<HandlerDictionary> leadingDictionaries,
            List<Module> modules, List<HandlerDictionary> trailingDictionaries, StanzaRelay localRelay,
            boolean startTlsRequired, Supplier<TlsContextFactory> tls, C2sEndpoint.Settings c2s,
            C2sEndpoint.Output output, FloodLimits limits) {}

    private final Spec spec;
    private final C2sEndpoint c2s;
    private final DefaultServerRuntimeContext runtime;

    private VysperRuntime(Spec spec) {
        this.spec = spec;
        EntityImpl server = new EntityImpl(null, spec.domain(), null);
        LockedResourceRegistry resources = new LockedResourceRegistry();

        OpenStorageProviderRegistry storage = new OpenStorageProviderRegistry();
        storage.add(spec.accounts());
        // No Vysper roster manager and no Vysper offline storage: Parley's modules keep both in H2 (issue #3).
        spec.storageProviders().forEach(storage::add);

        StanzaRelayBroker broker = new StanzaRelayBroker();
        broker.setInternalRelay(spec.localRelay());
        broker.setExternalRelay(new FederationDisabledRelay());

        ServerFeatures features = new ServerFeatures();
        features.setAuthenticationMethods(new ArrayList<>(spec.saslMechanisms()));
        features.setStartTLSRequired(spec.startTlsRequired());
        // "relaying" lets the broker reach our FederationDisabledRelay, which bounces with remote-server-not-found
        features.setRelayingToFederationServers(true);

        // Parley's dictionaries first: Vysper's lookup returns the first match (style.md §2.4 coupling 1)
        List<HandlerDictionary> dictionaries = new ArrayList<>(spec.leadingDictionaries());
        dictionaries.add(new BaseStreamStanzaDictionary());
        dictionaries.add(new StartTLSStanzaDictionary());
        dictionaries.add(new SASLStanzaDictionary());
        // Vysper's BindResourceDictionary is replaced: it ignored the requested resource (RFC 6120 §7)
        dictionaries.add(new ResourceBindDictionary(resources, spec.limits().maxSessionsPerAccount()));
        dictionaries.add(new SessionStanzaDictionary());
        // Vysper's jabber:iq:auth (XEP-0078) dictionary is left out on purpose: it is obsolete and bypasses SASL.

        runtime = new DefaultServerRuntimeContext(server, broker, features, dictionaries, resources);
        runtime.setStorageProviderRegistry(storage);
        // Vysper reads this once, only to know that TLS is configured; Parley's listeners ask spec.tls() per handshake
        runtime.setTlsContextFactory(() -> spec.tls().get().sslContext());
        broker.setServerRuntimeContext(runtime);
        runtime.addModules(spec.modules());
        // after every module's dictionaries: the lookup returns the first match (style.md §2.4 coupling 1)
        spec.trailingDictionaries().forEach(runtime::addDictionary);

        c2s = new C2sEndpoint(spec.c2s(), spec.output(), spec.tls(), spec.limits());
        c2s.setServerRuntimeContext(runtime);
    }

    /** Assembles the runtime and starts listening; on failure everything started is stopped again. */
    public static VysperRuntime start(Spec spec) throws IOException {
        VysperRuntime vysper = new VysperRuntime(spec);
        vysper.c2s.start();
        return vysper;
    }

    public int c2sPort() {
        return c2s.boundPort();
    }

    /** The direct TLS (XEP-0368) port actually bound, if that listener runs. */
    public OptionalInt directTlsPort() {
        return c2s.directTlsPort();
    }

    public int connectionCount() {
        return c2s.connectionCount();
    }

    /**
     * The class of the handler Vysper's lookup picks for a stanza given as XML text: which code serves each kind of
     * stanza is part of the design (Parley's, not Vysper's RFC 3921-draft handlers), and tests check it.
     */
    public String handlerFor(String stanzaXml) {
        StanzaHandler handler = runtime.getHandler(StanzaXml.parse(stanzaXml));
        return handler == null ? "none" : handler.getClass().getName();
    }

    /** Sessions with a bound resource. */
    public long boundSessionCount() {
        return runtime.getResourceRegistry().getSessionCount();
    }

    /** Closes every stream with {@code system-shutdown}, then stops the listener and its threads. */
    @Override
    public void close() {
        c2s.stop();
        LOG.info("XMPP runtime stopped");
    }
}
