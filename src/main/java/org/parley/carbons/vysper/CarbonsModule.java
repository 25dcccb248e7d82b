package org.parley.carbons.vysper;

import java.util.List;
import org.apache.vysper.xmpp.modules.DefaultDiscoAwareModule;
import org.apache.vysper.xmpp.modules.servicediscovery.management.Feature;
import org.apache.vysper.xmpp.modules.servicediscovery.management.InfoElement;
import org.apache.vysper.xmpp.modules.servicediscovery.management.InfoRequest;
import org.apache.vysper.xmpp.modules.servicediscovery.management.ServerInfoRequestListener;
import org.apache.vysper.xmpp.protocol.HandlerDictionary;
import org.apache.vysper.xmpp.protocol.NamespaceHandlerDictionary;
import org.parley.carbons.CarbonRules;
import org.parley.carbons.EnabledResources;
import org.parley.routing.vysper.RoutingListener;

/**
 * Message carbons (XEP-0280) as a Vysper module: the {@code urn:xmpp:carbons:2} IQ handler, the feature in the
 * server's disco#info (§3), and the {@link #routingListener()} that makes the copies. Added only when
 * {@code carbons.enabled}.
 */
public final class CarbonsModule extends DefaultDiscoAwareModule implements ServerInfoRequestListener {

    private final EnabledResources enabled = new EnabledResources();
    private final CarbonsIqHandler handler = new CarbonsIqHandler(enabled);
    private final CarbonsListener listener;

    /** The module; {@code delivery} is the router's write through the hooks ({@code StanzaRouter.deliverTo}). */
    public CarbonsModule(CarbonsListener.Delivery delivery) {
        this.listener = new CarbonsListener(enabled, delivery);
    }

    @Override
    public String getName() {
        return "Parley message carbons (XEP-0280)";
    }

    @Override
    public String getVersion() {
        return "1";
    }

    @Override
    public List<HandlerDictionary> getHandlerDictionaries() {
        NamespaceHandlerDictionary dictionary = new NamespaceHandlerDictionary(CarbonRules.NAMESPACE);
        dictionary.register(handler);
        dictionary.seal();
        return List.of(dictionary);
    }

    /** The routing listener that delivers the copies; register it after PEP's. */
    public RoutingListener routingListener() {
        return listener;
    }

    @Override
    protected void addServerInfoRequestListeners(List<ServerInfoRequestListener> listeners) {
        listeners.add(this);
    }

    /** §3: the server's disco#info lists {@code urn:xmpp:carbons:2}. */
    @Override
    public List<InfoElement> getServerInfosFor(InfoRequest request) {
        return request.getNode() == null ? List.of(new Feature(CarbonRules.NAMESPACE)) : null;
    }
}
