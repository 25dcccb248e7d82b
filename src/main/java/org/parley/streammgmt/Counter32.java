package org.parley.streammgmt;

import java.util.OptionalLong;

/**
 * XEP-0198 §4 sequence numbers: unsigned 32-bit integers that wrap to 0 after 2^32 - 1 ("the 'h' value ... MUST be
 * wrapped ... when it reaches 2^32"). Kept in a {@code long} in 0..2^32-1; differences are taken modulo 2^32, so a
 * counter that wrapped still compares correctly with one that has not.
 */
public final class Counter32 {

    /** 2^32 - 1, the largest value and the mask of the arithmetic. */
    public static final long MAX = 0xFFFF_FFFFL;

    private Counter32() {}

    /** The value after {@code value}: {@code value + 1}, or 0 after {@link #MAX}. */
    public static long next(long value) {
        return (value + 1) & MAX;
    }

    /** {@code value + n} modulo 2^32. */
    public static long plus(long value, long n) {
        return (value + n) & MAX;
    }

    /** How far {@code to} is ahead of {@code from}, modulo 2^32 (0..2^32-1). */
    public static long distance(long from, long to) {
        return (to - from) & MAX;
    }

    /** Parses an {@code h} attribute: a decimal unsigned 32-bit integer (XML Schema {@code xs:unsignedInt}). */
    public static OptionalLong parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 10) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        long value = Long.parseLong(text);
        return value > MAX ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
