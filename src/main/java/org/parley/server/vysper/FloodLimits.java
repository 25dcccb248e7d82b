package org.parley.server.vysper;

/**
 * The flood and abuse limits of the client listener (docs/security.md, "Flood and abuse control").
 *
 * @param maxSessionsPerAccount resources one account may have bound at once; one more bind gets
 *     {@code resource-constraint}
 */
public record FloodLimits(int maxSessionsPerAccount) {

    public FloodLimits {
        if (maxSessionsPerAccount < 1) {
            throw new IllegalArgumentException("maxSessionsPerAccount must be at least 1");
        }
    }
}
