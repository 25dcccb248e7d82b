package org.parley.proxy65;

import java.util.Objects;

/**
 * The proxy as XEP-0065 §4 announces it in a {@code <streamhost/>}: its JID and the network address clients connect
 * to with SOCKS5.
 *
 * @param jid the component's address, {@code proxy.<domain>}
 * @param host the host name or IP address clients are told to connect to
 * @param port the TCP port actually listened on (the bound one when configured as 0)
 */
public record StreamHost(String jid, String host, int port) {

    public StreamHost {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }
}
