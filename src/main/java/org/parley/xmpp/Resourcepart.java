package org.parley.xmpp;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;

/**
 * The resourcepart a client asks for when it binds (RFC 6120 §7.7.2.1), prepared as RFC 7622 §3.4 asks: the PRECIS
 * OpaqueString profile, approximated with the JDK (non-ASCII spaces mapped to U+0020, NFC), then checked. Case is
 * kept: "Phone" and "phone" are two resources.
 */
public final class Resourcepart {

    private static final int MAX_BYTES = 1023;

    private Resourcepart() {}

    /**
     * The prepared resourcepart, or empty when {@code requested} cannot be one (empty after preparation, over 1023
     * bytes of UTF-8, or holding control, unassigned, private-use or surrogate code points); the bind is then
     * refused with {@code bad-request}.
     */
    public static Optional<String> prepare(String requested) {
        StringBuilder mapped = new StringBuilder(requested.length());
        requested.codePoints().forEach(cp -> mapped.appendCodePoint(cp > 0x7f && Character.isSpaceChar(cp) ? ' ' : cp));
        String prepared = Normalizer.normalize(mapped, Normalizer.Form.NFC);
        if (prepared.isBlank() || prepared.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.empty();
        }
        boolean allowed = prepared.codePoints().allMatch(Resourcepart::isAllowed);
        return allowed ? Optional.of(prepared) : Optional.empty();
    }

    private static boolean isAllowed(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> false;
            default -> true;
        };
    }
}
