package org.parley.server.vysper;

import java.util.ArrayList;
import java.util.List;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xmpp.server.SessionState;
import org.apache.vysper.xmpp.stanza.Stanza;

/**
 * Stream features Parley adds to the ones Vysper offers, which Vysper builds itself from its own modules only.
 *
 * @param preAuth offered on an encrypted stream before authentication, next to SASL (e.g. XEP-0077)
 * @param postAuth offered after authentication, next to resource binding (e.g. RFC 6121 roster versioning and
 *     pre-approval)
 */
public record StreamFeatures(List<XMLElement> preAuth, List<XMLElement> postAuth) {

    public StreamFeatures {
        preAuth = List.copyOf(preAuth);
        postAuth = List.copyOf(postAuth);
    }

    /** The same features with {@code more} offered after authentication as well. */
    public StreamFeatures withPostAuth(XMLElement more) {
        List<XMLElement> post = new ArrayList<>(postAuth);
        post.add(more);
        return new StreamFeatures(preAuth, post);
    }

    /**
     * Adds Parley's own features to the features Vysper offers: XEP-0077 {@code <register/>} on an encrypted stream
     * before authentication, RFC 6121 roster versioning and pre-approval, XEP-0198 stream management after it.
     * Vysper builds the list itself and only knows its own modules' features (and would offer registration before
     * TLS).
     */
    Stanza addTo(Stanza stanza, SessionState state) {
        if (!"stream".equals(stanza.getName())) {
            return stanza;
        }
        List<XMLElement> extra = switch (state) {
            case ENCRYPTED -> preAuth;
            case AUTHENTICATED -> postAuth;
            default -> List.of();
        };
        if (extra.isEmpty()) {
            return stanza;
        }
        List<XMLFragment> inner = new ArrayList<>();
        for (XMLFragment fragment : stanza.getInnerFragments()) {
            if (fragment instanceof XMLElement element && "features".equals(element.getName())) {
                List<XMLFragment> offered = new ArrayList<>(element.getInnerFragments());
                offered.addAll(extra);
                fragment = new XMLElement(element.getNamespaceURI(), element.getName(),
                        element.getNamespacePrefix(), element.getAttributes(), offered,
                        element.getDeclaredNamespaces());
            }
            inner.add(fragment);
        }
        return new Stanza(stanza.getNamespaceURI(), stanza.getName(), stanza.getNamespacePrefix(),
                stanza.getAttributes(), inner, stanza.getDeclaredNamespaces());
    }
}
