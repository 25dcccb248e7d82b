package org.parley.xmpp.vysper;

import org.apache.vysper.xmpp.protocol.StanzaHandler;

/**
 * A handler for IQ responses (result or error) addressed to the server itself, answering a request the server sent
 * (such as a capability query, XEP-0115). Parley drops every other response to the server before Vysper sees it
 * (RFC 6120 §8.2.3, see {@code StanzaIntake}); a handler of this type, found by the normal dictionary lookup, gets
 * the response instead. It must never answer it.
 */
public interface ServerResponseHandler extends StanzaHandler {}
