package org.parley.proxy65;

/**
 * One party's SOCKS5 connection to the proxy, as the transport exposes it to activation: once both parties of a
 * stream are connected and the requester activated it, each side is told where its bytes go.
 */
public interface RelayConnection {

    /**
     * Starts relaying what this connection receives to {@code peer}. Called once per side, right after
     * activation and before the activation result is sent, so the requester's first bytes already have a route.
     */
    void relayTo(RelayConnection peer);
}
