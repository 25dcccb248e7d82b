package org.parley.account.vysper;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.apache.vysper.xml.fragment.Attribute;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLFragment;
import org.apache.vysper.xmpp.authorization.SASLMechanism;
import org.apache.vysper.xmpp.protocol.HandlerDictionary;
import org.apache.vysper.xmpp.protocol.NamespaceHandlerDictionary;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.parley.account.AccountService;
import org.parley.account.ScramHash;
import org.parley.account.ScramServer;
import org.parley.tls.ChannelBindingData;
import org.parley.xmpp.vysper.SaslThrottle;

/**
 * Parley's SASL offer, strongest first: SCRAM-SHA-256-PLUS, SCRAM-SHA-1-PLUS, SCRAM-SHA-256, SCRAM-SHA-1, PLAIN
 * (RFC 6120 §6.3.3 lets the client pick, and clients pick the first they support). The {@code -PLUS} variants are
 * offered only when the certificate allows a channel binding type, and then XEP-0440 names the types. Every
 * mechanism runs only on an encrypted stream: Vysper lists mechanisms only after TLS and its SASL handlers refuse
 * a stream without it, and Parley has no setting to change that (see docs/security.md).
 */
public final class SaslMechanisms {

    /** XEP-0440. */
    private static final String SASL_CB = "urn:xmpp:sasl-cb:0";

    private final List<SASLMechanism> mechanisms = new ArrayList<>();
    private final List<String> bindingTypes;
    private final SaslThrottle throttle;

    /**
     * @param accounts the stored verifiers
     * @param domain the served domain
     * @param scramIterations the iteration count new accounts get, shown for unknown users too
     * @param certificate the server's certificate, which decides whether {@code tls-server-end-point} is defined
     * @param throttle what every mechanism reports failed and successful attempts to (docs/security.md)
     */
    public SaslMechanisms(AccountService accounts, String domain, int scramIterations, X509Certificate certificate,
            SaslThrottle throttle) {
        this.throttle = throttle;
        SecureRandom random = new SecureRandom();
        ScramServer scram = new ScramServer(accounts::credentials, domain, ScramServer.randomNonces(random), random,
                scramIterations);
        bindingTypes = ChannelBindingData.supportedTypes().stream()
                .filter(type -> !type.equals(ChannelBindingData.TLS_SERVER_END_POINT)
                        || ChannelBindingData.serverEndPoint(certificate).isPresent())
                .toList();
        if (!bindingTypes.isEmpty()) {
            mechanisms.add(new ScramMechanism(scram, ScramHash.SHA_256, true, throttle));
            mechanisms.add(new ScramMechanism(scram, ScramHash.SHA_1, true, throttle));
        }
        mechanisms.add(new ScramMechanism(scram, ScramHash.SHA_256, false, throttle));
        mechanisms.add(new ScramMechanism(scram, ScramHash.SHA_1, false, throttle));
        mechanisms.add(new Utf8Plain(accounts, domain, throttle));
    }

    /** The mechanisms in the order they are advertised. */
    public List<SASLMechanism> mechanisms() {
        return List.copyOf(mechanisms);
    }

    /**
     * {@code <response/>} and {@code <abort/>}, which Vysper 0.7 does not handle; placed before Vysper's SASL
     * dictionary, which keeps {@code <auth/>}.
     */
    public HandlerDictionary dictionary() {
        NamespaceHandlerDictionary dictionary =
                new NamespaceHandlerDictionary(NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_SASL);
        dictionary.register(new SaslResponseHandler(throttle));
        dictionary.register(new SaslAbortHandler());
        dictionary.seal();
        return dictionary;
    }

    /**
     * XEP-0440 {@code <sasl-channel-binding/>} for the stream features before authentication, so a client can tell
     * a stripped {@code -PLUS} from a server without channel binding; empty when no type is offered.
     */
    public List<XMLElement> streamFeatures() {
        if (bindingTypes.isEmpty()) {
            return List.of();
        }
        List<XMLFragment> types = new ArrayList<>();
        for (String type : bindingTypes) {
            types.add(new XMLElement(SASL_CB, "channel-binding", null, List.of(new Attribute("type", type)),
                    List.of()));
        }
        return List.of(new XMLElement(SASL_CB, "sasl-channel-binding", null, List.of(), types));
    }
}
