package org.parley.caps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verified capabilities by {@code hash} and {@code ver} (XEP-0115 §5.4: the node plays no part in the key), so a
 * disco#info query is sent once per client version, not once per login. Bounded: the least recently used entry
 * goes first. Thread-safe; owned by the server's PEP component.
 */
public final class CapsCache {

    private final Map<String, Set<String>> notifyNodes;

    /** A cache of at most {@code capacity} client versions. */
    public CapsCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.notifyNodes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The {@code +notify} nodes of a verified {@code ver}, if known. */
    public synchronized Optional<Set<String>> notifyNodes(String hash, String ver) {
        return Optional.ofNullable(notifyNodes.get(key(hash, ver)));
    }

    /**
     * Remembers {@code info} under {@code ver} if it hashes to {@code ver}.
     *
     * @return whether it verified (and was cached)
     */
    public boolean putIfVerified(String hash, String ver, DiscoInfo info) {
        if (ver == null || !CapsVerification.ver(info, hash).map(ver::equals).orElse(false)) {
            return false;
        }
        synchronized (this) {
            notifyNodes.put(key(hash, ver), info.notifyNodes());
        }
        return true;
    }

    private static String key(String hash, String ver) {
        return hash + ' ' + ver;
    }
}
