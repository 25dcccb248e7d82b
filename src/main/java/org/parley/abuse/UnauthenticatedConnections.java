package org.parley.abuse;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the connections that have not authenticated yet, in total and per remote address, and refuses one more
 * past either limit. A connection leaves the count when it authenticates or closes, whichever comes first; the
 * caller releases it exactly once. Memory is bounded: an address is only held while it has a counted connection,
 * so there are never more than {@code maxTotal} entries. Thread-safe.
 */
public final class UnauthenticatedConnections {

    private final int maxTotal;
    private final int maxPerAddress;
    private final Map<String, Integer> perAddress = new HashMap<>();
    private int total;

    public UnauthenticatedConnections(int maxTotal, int maxPerAddress) {
        if (maxTotal < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a new connection from {@code address}, or returns false (and counts nothing) when a limit is reached. */
    public synchronized boolean tryAdmit(String address) {
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (total >= maxTotal || fromAddress >= maxPerAddress) {
            return false;
        }
        perAddress.put(address, fromAddress + 1);
        total++;
        return true;
    }

    /** A counted connection from {@code address} authenticated or closed. */
    public synchronized void release(String address) {
        Integer fromAddress = perAddress.get(address);
        if (fromAddress == null) {
            throw new IllegalStateException("no counted connection from " + address);
        }
        if (fromAddress == 1) {
            perAddress.remove(address);
        } else {
            perAddress.put(address, fromAddress - 1);
        }
        total--;
    }

    /** Connections counted now. */
    public synchronized int total() {
        return total;
    }
}
