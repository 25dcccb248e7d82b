package org.parley.archive;

/**
 * The XEP-0059 part of a query: {@code <max/>}, {@code <after/>}, {@code <before/>}.
 *
 * @param max the page size asked for, or null when absent
 * @param after the id after which the page starts, or null
 * @param before the id before which the page ends, "" for an empty {@code <before/>} (the last page), or null
 */
public record Rsm(Integer max, String after, String before) {

    /** No {@code <set/>} at all. */
    public static final Rsm NONE = new Rsm(null, null, null);

    /** Whether the page is taken from the end of the result set backwards (XEP-0059 §2.5). */
    public boolean backwards() {
        return before != null;
    }
}
