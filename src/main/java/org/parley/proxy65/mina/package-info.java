/**
 * The SOCKS5 side of the XEP-0065 proxy on MINA: a listener of its own, apart from the client listener, that runs
 * the handshake, registers each connection with {@link org.parley.proxy65.ProxyPairs} and, once a stream is
 * activated, relays bytes between its two connections with back-pressure.
 */
package org.parley.proxy65.mina;
