package org.parley.archive.vysper;

import java.util.List;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.modules.DefaultDiscoAwareModule;
import org.apache.vysper.xmpp.modules.servicediscovery.management.Feature;
import org.apache.vysper.xmpp.modules.servicediscovery.management.InfoElement;
import org.apache.vysper.xmpp.modules.servicediscovery.management.InfoRequest;
import org.apache.vysper.xmpp.modules.servicediscovery.management.InfoRequestListener;
import org.apache.vysper.xmpp.protocol.HandlerDictionary;
import org.apache.vysper.xmpp.protocol.NamespaceHandlerDictionary;
import org.parley.archive.ArchiveService;
import org.parley.archive.ArchiveWriter;
import org.parley.routing.vysper.RoutingListener;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;

/**
 * The message archive (XEP-0313) as a Vysper module: the {@code urn:xmpp:mam:2} IQ handler, the features
 * {@code urn:xmpp:mam:2} and {@code urn:xmpp:mam:2#extended} in disco#info on the user's own bare JID (§7, where
 * Smack's {@code MamManager.isSupported()} and Conversations look), and the {@link #routingListener()} that
 * archives.
 */
public final class MamModule extends DefaultDiscoAwareModule implements InfoRequestListener {

    private final MamIqHandler handler;
    private final ArchiveListener listener;

    public MamModule(String domain, ArchiveService service, ArchiveWriter writer) {
        this.handler = new MamIqHandler(service);
        this.listener = new ArchiveListener(domain, service, writer);
    }

    @Override
    public String getName() {
        return "Parley message archive (XEP-0313)";
    }

    @Override
    public String getVersion() {
        return "1";
    }

    @Override
    public List<HandlerDictionary> getHandlerDictionaries() {
        NamespaceHandlerDictionary dictionary = new NamespaceHandlerDictionary(MamStanzas.MAM);
        dictionary.register(handler);
        dictionary.seal();
        return List.of(dictionary);
    }

    /** The listener that archives messages routed to local users; register it on the routing hooks. */
    public RoutingListener routingListener() {
        return listener;
    }

    @Override
    protected void addInfoRequestListeners(List<InfoRequestListener> listeners) {
        listeners.add(this);
    }

    /** disco#info on the requester's own bare JID: the archive is there. Other addresses are not answered here. */
    @Override
    public List<InfoElement> getInfosFor(InfoRequest request) {
        Entity to = request.getTo();
        if (to == null || !to.isNodeSet() || to.isResourceSet() || request.getNode() != null
                || request.getFrom() == null) {
            return null;
        }
        BareJid requester = Jids.bare(request.getFrom());
        if (!Jids.user(to).map(requester::equals).orElse(false)) {
            return null;
        }
        return List.of(new Feature(MamStanzas.MAM), new Feature(MamStanzas.MAM_EXTENDED));
    }
}
