package org.parley.proxy65;

import java.util.Objects;

/**
 * The proxy's XMPP-facing operations (XEP-0065 §6.3.5): activation, over the pairs the SOCKS5 listener registers.
 */
public final class BytestreamProxy {

    /** The outcome of an activation request, one per error condition the XEP defines. */
    public enum Activation {
        /** both sides are relayed now: answer with an IQ result */
        ACTIVATED,
        /** no stream waits under the hash of (SID, requester, target): {@code item-not-found} */
        NOT_FOUND,
        /** only one party has connected: {@code not-allowed} */
        ONLY_ONE_CONNECTED
    }

    private final StreamHost streamHost;
    private final ProxyPairs<RelayConnection> pairs;

    public BytestreamProxy(StreamHost streamHost, ProxyPairs<RelayConnection> pairs) {
        this.streamHost = Objects.requireNonNull(streamHost, "streamHost");
        this.pairs = Objects.requireNonNull(pairs, "pairs");
    }

    /** What the proxy tells requesters in answer to a {@code bytestreams} query (§4). */
    public StreamHost streamHost() {
        return streamHost;
    }

    /**
     * Activates the stream identified by {@code sid}, requested by {@code requester}; the hash is computed from the
     * requester's stamped full JID, so only the party that named itself in the CONNECT hash can activate.
     *
     * @param requester the full JID the activation request came from, stringprepped
     * @param target the JID in {@code <activate/>}, stringprepped
     */
    public Activation activate(String sid, String requester, String target) {
        ProxyPairs.Activation<RelayConnection> result = pairs.activate(StreamHash.of(sid, requester, target));
        if (result instanceof ProxyPairs.Activated<RelayConnection> activated) {
            activated.first().relayTo(activated.second());
            activated.second().relayTo(activated.first());
            return Activation.ACTIVATED;
        }
        return result instanceof ProxyPairs.OnlyOneConnected ? Activation.ONLY_ONE_CONNECTED : Activation.NOT_FOUND;
    }
}
