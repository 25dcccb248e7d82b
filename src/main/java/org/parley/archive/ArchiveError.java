package org.parley.archive;

/** Why a request to the archive fails; the adapter maps each to its stanza error (RFC 6120 §8.3.3). */
public enum ArchiveError {
    /** Malformed: a date that is not XEP-0082, two values for a single field, a bad RSM element. */
    BAD_REQUEST,
    /** XEP-0313 §4.1.5: a form field this archive does not know; also RSM {@code <index/>}. */
    FEATURE_NOT_IMPLEMENTED,
    /** XEP-0313 §4.3, §4.1.3: an id in before-id, after-id, ids or RSM before/after is not in this archive. */
    ITEM_NOT_FOUND,
    /** XEP-0313 §8.1: someone else's archive. */
    FORBIDDEN
}
