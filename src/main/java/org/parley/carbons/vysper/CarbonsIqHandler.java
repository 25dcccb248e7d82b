package org.parley.carbons.vysper;

import org.apache.vysper.xmpp.protocol.ResponseStanzaContainer;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainerImpl;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.parley.carbons.CarbonRules;
import org.parley.carbons.EnabledResources;
import org.parley.xmpp.vysper.AccountIqHandler;
import org.parley.xmpp.vysper.ErrorReplies;

/**
 * {@code <enable/>} and {@code <disable/>} in {@code urn:xmpp:carbons:2} (XEP-0280 §4, §5): an IQ set from a
 * resource, without 'to' or to its own account, turns copies on or off for that resource. Enabling twice, or
 * disabling a resource that never enabled, is answered with a result (§10.1); another account's carbons are
 * {@code not-allowed}.
 */
final class CarbonsIqHandler extends AccountIqHandler {

    private final EnabledResources enabled;

    CarbonsIqHandler(EnabledResources enabled) {
        super("enable");
        this.enabled = enabled;
    }

    @Override
    public boolean verify(Stanza stanza) {
        return super.verify(stanza) || stanza.getVerifier().subElementPresent("disable");
    }

    @Override
    protected ResponseStanzaContainer handle(Request request, ServerRuntimeContext runtime, SessionContext session) {
        if (request.type() != IQStanzaType.SET) {
            return error(request, "modify", StanzaErrorCondition.BAD_REQUEST, "carbons are enabled with an IQ set");
        }
        if (request.account().isPresent() && !request.account().get().equals(request.requester())
                || request.account().isEmpty() && request.iq().getTo() != null
                        && !runtime.getServerEnitity().equals(request.iq().getTo())) {
            // §5: another client's (or account's) carbons are not this client's to change
            return error(request, "cancel", StanzaErrorCondition.NOT_ALLOWED,
                    "carbons can only be changed for the sending resource");
        }
        String resource = runtime.getResourceRegistry().getUniqueResourceForSession(session);
        if (resource == null) {
            return error(request, "cancel", StanzaErrorCondition.NOT_ALLOWED, "bind a resource first");
        }
        boolean enable = !request.iq().getInnerElementsNamed("enable", CarbonRules.NAMESPACE).isEmpty();
        if (enable) {
            enabled.enable(request.requester(), resource);
        } else {
            enabled.disable(request.requester(), resource);
        }
        return new ResponseStanzaContainerImpl(
                StanzaBuilder.createDirectReply(request.iq(), false, IQStanzaType.RESULT).build());
    }

    private static ResponseStanzaContainer error(Request request, String type, StanzaErrorCondition condition,
            String text) {
        return new ResponseStanzaContainerImpl(ErrorReplies.of(request.iq(), type, condition, text, null));
    }
}
