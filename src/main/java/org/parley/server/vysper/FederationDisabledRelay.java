package org.parley.server.vysper;

import java.util.List;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.delivery.StanzaRelay;
import org.apache.vysper.xmpp.delivery.failure.DeliveryException;
import org.apache.vysper.xmpp.delivery.failure.DeliveryFailureStrategy;
import org.apache.vysper.xmpp.delivery.failure.RemoteServerNotFoundException;
import org.apache.vysper.xmpp.stanza.Stanza;

/**
 * The relay for stanzas to other domains while Parley does not federate: each one is bounced to its sender with
 * {@code remote-server-not-found} (RFC 6120 §8.3.3.14 / §10.4.3), instead of Vysper's default of connecting out to
 * any server a client names.
 */
final class FederationDisabledRelay implements StanzaRelay {

    @Override
    public void relay(Entity receiver, Stanza stanza, DeliveryFailureStrategy failureStrategy)
            throws DeliveryException {
        if (failureStrategy != null) {
            failureStrategy.process(stanza, List.of(new RemoteServerNotFoundException(
                    "this server does not connect to other servers")));
        }
    }
}
