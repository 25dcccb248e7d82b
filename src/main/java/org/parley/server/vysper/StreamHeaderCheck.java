package org.parley.server.vysper;

import java.util.Locale;
import javax.xml.stream.XMLStreamReader;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;

/**
 * The checks on a client's XML declaration and stream header that Vysper 0.7 does not make (it never looks at
 * {@code to}, and would read a stream declared in another encoding).
 */
final class StreamHeaderCheck {

    private StreamHeaderCheck() {}

    /** RFC 6120 §11.5, §11.6: XML 1.0 in UTF-8; a declaration may be left out. */
    static void declaration(XMLStreamReader reader) throws StreamViolation.Raised {
        String encoding = reader.getCharacterEncodingScheme();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new StreamViolation("unsupported-encoding", "only UTF-8 is supported").raise();
        }
        String version = reader.getVersion();
        if (version != null && !version.equals("1.0")) {
            throw StreamViolation.notWellFormed("only XML 1.0 is supported").raise();
        }
    }

    /**
     * RFC 6120 §4.8.1, §4.9.3.10: the root is {@code <stream>} in {@code http://etherx.jabber.org/streams} with
     * {@code jabber:client} as its default namespace, else {@code invalid-namespace}. §4.9.3.6: a {@code to} naming
     * another domain gets {@code host-unknown}; a missing {@code to} is accepted (§4.7.2 says SHOULD).
     */
    static void header(XMLStreamReader reader, String domain) throws StreamViolation.Raised {
        if (!"stream".equals(reader.getLocalName())
                || !NamespaceURIs.HTTP_ETHERX_JABBER_ORG_STREAMS.equals(reader.getNamespaceURI())) {
            throw new StreamViolation("invalid-namespace", "expected a stream header in "
                    + NamespaceURIs.HTTP_ETHERX_JABBER_ORG_STREAMS).raise();
        }
        if (!NamespaceURIs.JABBER_CLIENT.equals(reader.getNamespaceURI(""))) {
            throw new StreamViolation("invalid-namespace", "the content namespace must be jabber:client").raise();
        }
        String to = reader.getAttributeValue("", "to");
        if (to != null && !normalized(to).equals(normalized(domain))) {
            throw new StreamViolation("host-unknown", "this server does not serve that domain").raise();
        }
    }

    private static String normalized(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        // RFC 7622 §3.2: a trailing dot of a fully qualified name is not part of the domainpart
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
