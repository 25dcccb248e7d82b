/**
 * XEP-0065 SOCKS5 Bytestreams, the proxy (mediated connection, §6): a StreamHost at {@code proxy.<domain>} that two
 * clients which cannot reach each other both connect to, and which relays bytes between them once the requester
 * activates the stream.
 *
 * <p>Pure logic: {@link org.parley.proxy65.StreamHash} (the DST.ADDR both sides send, §5.3.2),
 * {@link org.parley.proxy65.Socks5Handshake} (the RFC 1928 subset the XEP uses) and
 * {@link org.parley.proxy65.ProxyPairs} (which connections wait for which stream, and the activation rules).
 * {@code org.parley.proxy65.mina} is the TCP listener, {@code org.parley.proxy65.vysper} the XMPP component.
 */
package org.parley.proxy65;
