package org.parley.csi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stanzas held back for one inactive resource, in the order they arrived. A stanza with a coalescing key
 * replaces the one held under the same key and moves to the end, where the newer one belongs (so it still comes
 * after everything its sender sent before it); one without a key is simply appended. Not thread-safe: its
 * {@link ClientState} guards it.
 *
 * @param <T> the stanza type
 */
final class HeldStanzas<T> {

    private final int max;
    private final Map<Object, T> held = new LinkedHashMap<>();
    /** Keys for stanzas that replace nothing: unique, so each is kept. */
    private long sequence;

    /** @param max stanzas held at most: {@link #hold} reports when one more arrived */
    HeldStanzas(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        this.max = max;
    }

    /**
     * Holds {@code stanza}, replacing the one held under {@code key} (null: replaces nothing).
     *
     * @return true when more than {@code max} are now held: the caller sends them all ({@link #drain})
     */
    boolean hold(String key, T stanza) {
        if (key == null) {
            held.put(sequence++, stanza);
        } else {
            held.remove(key); // re-inserted at the end: LinkedHashMap keeps the first insertion's place otherwise
            held.put(key, stanza);
        }
        return held.size() > max;
    }

    /** Everything held, oldest first; the queue is empty afterwards. */
    List<T> drain() {
        List<T> out = new ArrayList<>(held.values());
        held.clear();
        return out;
    }

    int size() {
        return held.size();
    }

    boolean isEmpty() {
        return held.isEmpty();
    }
}
