package org.parley.server.vysper;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xml.fragment.XMLText;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.modules.core.base.handler.DefaultIQHandler;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.protocol.StreamErrorCondition;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.server.SessionContext.SessionTerminationCause;
import org.apache.vysper.xmpp.server.response.ServerErrorResponses;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.apache.vysper.xmpp.stanza.StanzaErrorType;
import org.parley.xmpp.Resourcepart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource binding (RFC 6120 §7), replacing Vysper's {@code BindIQHandler}, which ignored the requested resource,
 * bound a random one and accepted any number of binds per stream.
 *
 * <ul>
 *   <li>A requested resourcepart is prepared (RFC 7622 §3.4) and bound; one that cannot be is refused with
 *       {@code bad-request} (§7.7.2.1). No {@code <resource/>}, or an empty one, gets a server-generated resource
 *       (§7.6).</li>
 *   <li>A resource the account already has on another stream: "newest wins" (§7.7.2.2, the option most servers
 *       take): the old stream gets a {@code <conflict/>} stream error and is closed through its normal end of
 *       session, so contacts get its unavailable presence, and then the new stream binds.</li>
 *   <li>An account at {@code maxSessionsPerAccount}: {@code resource-constraint} (§7.6.2.1).</li>
 *   <li>A second bind on one stream: {@code not-allowed} (§7.6.2.2); RFC 6120 removed binding several resources to
 *       one stream.</li>
 * </ul>
 */
final class ResourceBindHandler extends DefaultIQHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceBindHandler.class);
    private static final String BIND = NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_BIND;
    /** A replaced session ending on another thread at that very moment may still hold the resource briefly. */
    private static final int ATTEMPTS = 3;

    private final LockedResourceRegistry registry;
    private final int maxSessionsPerAccount;

    ResourceBindHandler(LockedResourceRegistry registry, int maxSessionsPerAccount) {
        this.registry = registry;
        this.maxSessionsPerAccount = maxSessionsPerAccount;
    }

    @Override
    protected boolean verifyNamespace(Stanza stanza) {
        return verifyInnerNamespace(stanza, BIND);
    }

    @Override
    protected boolean verifyInnerElement(Stanza stanza) {
        return verifyInnerElementWorker(stanza, "bind");
    }

    @Override
    protected Stanza handleSet(IQStanza iq, ServerRuntimeContext runtime, SessionContext session) {
        Optional<String> requested = requestedResource(iq);
        String resource;
        if (requested.isEmpty()) {
            resource = UUID.randomUUID().toString();
        } else {
            Optional<String> prepared = Resourcepart.prepare(requested.get());
            if (prepared.isEmpty()) {
                return error(iq, StanzaErrorCondition.BAD_REQUEST, StanzaErrorType.MODIFY,
                        "the requested resourcepart is not valid (RFC 7622 §3.4)");
            }
            resource = prepared.get();
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            LockedResourceRegistry.BindOutcome outcome = registry.bind(session, resource, maxSessionsPerAccount);
            if (outcome instanceof LockedResourceRegistry.Bound) {
                LOG.debug("session {} bound {}/{}", session.getSessionId(), session.getInitiatingEntity(), resource);
                return bound(iq, new EntityImpl(session.getInitiatingEntity(), resource).getFullQualifiedName());
            } else if (outcome instanceof LockedResourceRegistry.AlreadyBound) {
                return error(iq, StanzaErrorCondition.NOT_ALLOWED, StanzaErrorType.CANCEL,
                        "this stream has a resource bound already");
            } else if (outcome instanceof LockedResourceRegistry.TooMany tooMany) {
                LOG.info("session {}: {} already has {} sessions, bind refused", session.getSessionId(),
                        session.getInitiatingEntity(), tooMany.limit());
                return error(iq, StanzaErrorCondition.RESOURCE_CONSTRAINT, StanzaErrorType.WAIT,
                        "too many sessions for this account");
            } else if (outcome instanceof LockedResourceRegistry.Conflict conflict) {
                replace(conflict.holder(), session);
            }
        }
        return error(iq, StanzaErrorCondition.CONFLICT, StanzaErrorType.CANCEL, "the resource is in use");
    }

    /**
     * Ends the older session holding the resource, on this thread, before binding: its unavailable presence must be
     * broadcast (and its resource unbound) before the new session can send an available one for the same full JID.
     */
    private static void replace(SessionContext old, SessionContext replacement) {
        LOG.info("session {} replaces session {} of {} (resource conflict)", replacement.getSessionId(),
                old.getSessionId(), old.getInitiatingEntity());
        if (old instanceof ClientSession client) {
            client.streamError(StreamErrorCondition.CONFLICT, "replaced by a new connection with the same resource");
        } else {
            old.endSession(SessionTerminationCause.CONNECTION_ABORT);
        }
    }

    /** The text of {@code <bind><resource>}, or empty when absent or empty (the server then generates one). */
    private static Optional<String> requestedResource(IQStanza iq) {
        List<XMLElement> binds = iq.getInnerElementsNamed("bind", BIND);
        if (binds.isEmpty()) {
            return Optional.empty();
        }
        List<XMLElement> resources = binds.get(0).getInnerElementsNamed("resource", BIND);
        if (resources.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (XMLText part : resources.get(0).getInnerTexts()) {
            text.append(part.getText());
        }
        return text.length() == 0 ? Optional.empty() : Optional.of(text.toString());
    }

    private static Stanza bound(IQStanza iq, String fullJid) {
        return StanzaBuilder.createIQStanza(null, null, IQStanzaType.RESULT, iq.getID())
                .startInnerElement("bind", BIND).startInnerElement("jid", BIND).addText(fullJid)
                .endInnerElement().endInnerElement().build();
    }

    private static Stanza error(IQStanza iq, StanzaErrorCondition condition, StanzaErrorType type, String text) {
        return ServerErrorResponses.getStanzaError(condition, iq, type, text, "en", null);
    }
}
