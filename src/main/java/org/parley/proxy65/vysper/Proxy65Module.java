package org.parley.proxy65.vysper;

import java.util.List;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.modules.DefaultDiscoAwareModule;
import org.apache.vysper.xmpp.modules.servicediscovery.management.ComponentInfoRequestListener;
import org.apache.vysper.xmpp.modules.servicediscovery.management.Feature;
import org.apache.vysper.xmpp.modules.servicediscovery.management.Identity;
import org.apache.vysper.xmpp.modules.servicediscovery.management.InfoElement;
import org.apache.vysper.xmpp.modules.servicediscovery.management.InfoRequest;
import org.apache.vysper.xmpp.modules.servicediscovery.management.Item;
import org.apache.vysper.xmpp.modules.servicediscovery.management.ItemRequestListener;
import org.apache.vysper.xmpp.protocol.HandlerDictionary;
import org.apache.vysper.xmpp.protocol.NamespaceHandlerDictionary;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.protocol.StanzaProcessor;
import org.apache.vysper.xmpp.server.components.Component;
import org.parley.proxy65.BytestreamProxy;

/**
 * The XEP-0065 proxy as a Vysper component at {@code proxy.<domain>}. Registered as a {@link Component}, so Vysper's
 * service discovery answers for that address, and Parley's router hands it what is addressed there; listed in the
 * server's disco#items (§4: that is how requesters find proxies); its disco#info carries the identity
 * {@code proxy/bytestreams} and the {@code bytestreams} feature. Its dictionary serves the {@code bytestreams} IQs
 * clients send to it.
 */
public final class Proxy65Module extends DefaultDiscoAwareModule
        implements Component, ComponentInfoRequestListener, ItemRequestListener {

    /** The component's subdomain: the proxy is {@code proxy.<domain>}, as with Prosody's and ejabberd's default. */
    public static final String SUBDOMAIN = "proxy";

    static final String NAME = "SOCKS5 Bytestreams Service";

    private final String domain;
    private final Entity proxyJid;
    private final BytestreamsIqHandler handler;
    private final ProxyComponentProcessor processor;

    /** The component of the server for {@code domain}, activating streams through {@code proxy}. */
    public Proxy65Module(String domain, BytestreamProxy proxy) {
        this.domain = domain;
        this.proxyJid = new EntityImpl(null, jid(domain), null);
        BytestreamsIq bytestreams = new BytestreamsIq(proxy, proxyJid);
        this.handler = new BytestreamsIqHandler(proxyJid.getDomain(), bytestreams);
        this.processor = new ProxyComponentProcessor(bytestreams);
    }

    /** The proxy's JID on the server for {@code domain}. */
    public static String jid(String domain) {
        return SUBDOMAIN + "." + domain;
    }

    @Override
    public String getName() {
        return "Parley SOCKS5 bytestreams proxy (XEP-0065)";
    }

    @Override
    public String getVersion() {
        return "1";
    }

    @Override
    public String getSubdomain() {
        return SUBDOMAIN;
    }

    @Override
    public StanzaProcessor getStanzaProcessor() {
        return processor;
    }

    @Override
    public List<HandlerDictionary> getHandlerDictionaries() {
        NamespaceHandlerDictionary dictionary = new NamespaceHandlerDictionary(BytestreamsIq.NAMESPACE);
        dictionary.register(handler);
        dictionary.seal();
        return List.of(dictionary);
    }

    @Override
    protected void addComponentInfoRequestListeners(List<ComponentInfoRequestListener> listeners) {
        listeners.add(this);
    }

    @Override
    protected void addItemRequestListeners(List<ItemRequestListener> listeners) {
        listeners.add(this);
    }

    /** disco#info of {@code proxy.<domain>} (XEP-0065 §4); null for any other component. */
    @Override
    public List<InfoElement> getComponentInfosFor(InfoRequest request) {
        Entity to = request.getTo();
        if (to == null || !proxyJid.getDomain().equals(to.getDomain()) || request.getNode() != null) {
            return null;
        }
        return List.of(
                new Identity("proxy", "bytestreams", NAME),
                new Feature(NamespaceURIs.XEP0030_SERVICE_DISCOVERY_INFO),
                new Feature(BytestreamsIq.NAMESPACE));
    }

    /** The proxy as an item of the server's disco#items; null for any other entity or node. */
    @Override
    public List<Item> getItemsFor(InfoRequest request) {
        Entity to = request.getTo();
        boolean server = to == null || (!to.isNodeSet() && !to.isResourceSet() && domain.equals(to.getDomain()));
        if (!server || request.getNode() != null) {
            return null;
        }
        return List.of(new Item(proxyJid, NAME));
    }
}
