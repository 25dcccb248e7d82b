package org.parley.archive;

import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One user's archiving preferences: a default rule and the contacts (bare JIDs, or domains) whose messages are
 * always or never kept whatever the default. A JID is in at most one list.
 *
 * @param defaultRule the rule for everyone not listed
 * @param always contacts whose messages are always kept
 * @param never contacts whose messages are never kept
 */
public record ArchivePrefs(ArchiveDefault defaultRule, Set<String> always, Set<String> never) {

    /** At most this many JIDs in both lists together: the preferences are read for every message. */
    public static final int MAX_JIDS = 1000;

    public ArchivePrefs {
        Objects.requireNonNull(defaultRule, "defaultRule");
        always = Set.copyOf(always);
        never = Set.copyOf(never);
        if (always.stream().anyMatch(never::contains)) {
            throw new IllegalArgumentException("a JID is in both the always and the never list");
        }
        if (always.size() + never.size() > MAX_JIDS) {
            throw new IllegalArgumentException("more than " + MAX_JIDS + " JIDs in the preferences");
        }
    }

    /** Only a default, no lists. */
    public static ArchivePrefs of(ArchiveDefault defaultRule) {
        return new ArchivePrefs(defaultRule, Set.of(), Set.of());
    }

    /**
     * Whether a message with {@code contact} (a bare JID or domain, as {@link ArchivedMessage#with()} holds it) is
     * kept: the lists first, then the default; {@code inRoster} is asked only for the roster rule.
     */
    public boolean keeps(String contact, BooleanSupplier inRoster) {
        if (never.contains(contact)) {
            return false;
        }
        if (always.contains(contact)) {
            return true;
        }
        return switch (defaultRule) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ROSTER -> inRoster.getAsBoolean();
        };
    }
}
