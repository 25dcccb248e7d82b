package org.parley.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The channel binding data (RFC 5056) one connection can offer a {@code -PLUS} SASL mechanism, by channel binding
 * type name ({@code tls-server-end-point}, {@code tls-exporter}). Empty on a connection without TLS. Immutable: the
 * arrays are copied in and out.
 */
public final class ChannelBindings {

    private static final ChannelBindings NONE = new ChannelBindings(Map.of());

    private final Map<String, byte[]> byType;

    private ChannelBindings(Map<String, byte[]> byType) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        byType.forEach((type, data) -> copy.put(type, data.clone()));
        this.byType = copy;
    }

    /** Channel binding data by type name, in the order the types are preferred. */
    public static ChannelBindings of(Map<String, byte[]> byType) {
        return byType.isEmpty() ? NONE : new ChannelBindings(byType);
    }

    /** No channel binding: a connection without TLS, or a test. */
    public static ChannelBindings none() {
        return NONE;
    }

    /** Whether any type is available, that is whether the server offers the {@code -PLUS} mechanisms. */
    public boolean available() {
        return !byType.isEmpty();
    }

    public Set<String> types() {
        return byType.keySet();
    }

    /** The data of {@code type}, if this connection offers it. */
    public Optional<byte[]> data(String type) {
        byte[] data = byType.get(type);
        return data == null ? Optional.empty() : Optional.of(data.clone());
    }

    /** Names the types only: the data is derived from the session and need not be in logs. */
    @Override
    public String toString() {
        return "ChannelBindings" + byType.keySet();
    }
}
