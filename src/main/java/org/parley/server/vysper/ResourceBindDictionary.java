package org.parley.server.vysper;

import org.apache.vysper.xmpp.protocol.NamespaceHandlerDictionary;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;

/** The {@code urn:ietf:params:xml:ns:xmpp-bind} dictionary with Parley's {@link ResourceBindHandler}. */
final class ResourceBindDictionary extends NamespaceHandlerDictionary {

    ResourceBindDictionary(LockedResourceRegistry registry, int maxSessionsPerAccount) {
        super(NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_BIND);
        register(new ResourceBindHandler(registry, maxSessionsPerAccount));
        seal();
    }
}
