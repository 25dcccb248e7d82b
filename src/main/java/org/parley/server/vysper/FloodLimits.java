package org.parley.server.vysper;

import java.time.Duration;

/**
 * The flood and abuse limits of the client listener (docs/security.md, "Flood and abuse control").
 *
 * @param maxSessionsPerAccount resources one account may have bound at once; one more bind gets
 *     {@code resource-constraint}
 * @param maxUnauthenticated connections that may be open without having authenticated, in all; one more is closed
 *     with {@code policy-violation}
 * @param maxUnauthenticatedPerIp the same, from one IP address
 * @param readRate bytes a second read from one connection, on average
 * @param readBurst bytes one connection may send at once after a quiet time
 * @param pingInterval silence after which a logged-in session is pinged (XEP-0199)
 * @param pingTimeout time a pinged session has to send anything before it is closed with {@code connection-timeout}
 * @param loginTimeout time a connection has from its accept to authenticate and bind a resource before it is closed
 *     with {@code connection-timeout}
 */
public record FloodLimits(int maxSessionsPerAccount, int maxUnauthenticated, int maxUnauthenticatedPerIp,
        long readRate, long readBurst, Duration pingInterval, Duration pingTimeout, Duration loginTimeout) {

    public FloodLimits {
        if (maxSessionsPerAccount < 1 || maxUnauthenticated < 1 || maxUnauthenticatedPerIp < 1 || readRate < 1
                || readBurst < 1 || pingInterval.toSeconds() < 1 || pingTimeout.toMillis() < 1
                || loginTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("every limit must be at least 1");
        }
    }
}
