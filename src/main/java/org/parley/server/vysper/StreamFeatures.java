package org.parley.server.vysper;

import java.util.List;
import org.apache.vysper.xml.fragment.XMLElement;

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
}
