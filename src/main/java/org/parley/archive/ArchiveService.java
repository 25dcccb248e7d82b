package org.parley.archive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiPredicate;
import org.parley.xmpp.BareJid;

/**
 * Queries (XEP-0313 §4 with XEP-0059 paging), preferences and metadata of users' archives, over an
 * {@link ArchiveStore}. Every bound of a query (start, end, after-id, before-id, the RSM cursor) becomes a bound on
 * the id, which the store reads along its (owner, id) index: stamps never go back as ids go up (the writer sees to
 * that), so "stamped at or after start" is "id at or above the first such id".
 */
public final class ArchiveService {

    /** The largest page sent at once, whatever {@code <max/>} asks for (XEP-0313 §4.3 allows a server limit). */
    public static final int MAX_PAGE = 250;

    /** The page size when a query has no {@code <max/>}, as Prosody's default. */
    public static final int DEFAULT_PAGE = 50;

    /** Preferences kept in memory; they are read for both sides of every message. */
    private static final int PREFS_CACHE = 10_000;

    private final ArchiveStore store;
    private final ArchiveDefault serverDefault;
    private final BiPredicate<BareJid, BareJid> inRoster;
    private final Map<BareJid, ArchivePrefs> prefsCache = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<BareJid, ArchivePrefs> eldest) {
            return size() > PREFS_CACHE;
        }
    };

    /**
     * @param serverDefault the rule for users who set no preferences ({@code mam.default})
     * @param inRoster whether the second JID is in the first user's roster (for the roster rule)
     */
    public ArchiveService(ArchiveStore store, ArchiveDefault serverDefault, BiPredicate<BareJid, BareJid> inRoster) {
        this.store = Objects.requireNonNull(store, "store");
        this.serverDefault = Objects.requireNonNull(serverDefault, "serverDefault");
        this.inRoster = Objects.requireNonNull(inRoster, "inRoster");
    }

    /** The store, for the writer and the retention job. */
    public ArchiveStore store() {
        return store;
    }

    /** Answers {@code query} on {@code owner}'s archive. */
    public ArchivePage query(BareJid owner, ArchiveQuery query) throws ArchiveException {
        int max = query.rsm().max() == null ? DEFAULT_PAGE : Math.min(query.rsm().max(), MAX_PAGE);
        long from = 1;
        long to = Long.MAX_VALUE;
        Set<Long> ids = null;
        if (query.ids() != null) {
            ids = new HashSet<>();
            for (String id : query.ids()) {
                OptionalLong parsed = ArchiveIds.parse(id);
                if (parsed.isEmpty()) {
                    throw notFound("ids");
                }
                ids.add(parsed.getAsLong());
            }
            if (store.existing(owner, ids).size() != ids.size()) {
                throw notFound("ids");
            }
        }
        if (query.afterId() != null) {
            from = Math.max(from, known(owner, query.afterId(), "after-id") + 1);
        }
        if (query.beforeId() != null) {
            to = Math.min(to, known(owner, query.beforeId(), "before-id") - 1);
        }
        // the RSM cursor must name a message of this archive too (§4.3); it is checked before the time bounds, which
        // may make the range empty
        long cursorAfter = query.rsm().after() == null ? 0 : known(owner, query.rsm().after(), "RSM <after/>");
        long cursorBefore = query.rsm().before() == null || query.rsm().before().isEmpty() ? Long.MAX_VALUE
                : known(owner, query.rsm().before(), "RSM <before/>");
        if (query.start() != null) {
            OptionalLong first = store.firstIdFrom(owner, query.start());
            from = Math.max(from, first.orElse(Long.MAX_VALUE));
        }
        if (query.end() != null) {
            OptionalLong last = store.lastIdUntil(owner, query.end());
            to = Math.min(to, last.orElse(0));
        }
        ArchiveStore.Range all = new ArchiveStore.Range(query.with(), query.withResource(), from, to, ids);
        long count = from > to ? 0 : store.count(owner, all);
        List<ArchivedMessage> page;
        boolean complete;
        if (max == 0 || from > to) {
            page = List.of();
            complete = count == 0;
        } else if (query.rsm().backwards()) {
            List<ArchivedMessage> rows = new ArrayList<>(store.read(owner,
                    all.between(from, Math.min(to, cursorBefore - 1)), true, max + 1));
            complete = rows.size() <= max;
            page = new ArrayList<>(rows.subList(0, Math.min(max, rows.size())));
            Collections.reverse(page);
        } else {
            List<ArchivedMessage> rows = store.read(owner, all.between(Math.max(from, cursorAfter + 1), to), false,
                    max + 1);
            complete = rows.size() <= max;
            page = rows.subList(0, Math.min(max, rows.size()));
        }
        String first = page.isEmpty() ? null : page.get(0).archiveId();
        String last = page.isEmpty() ? null : page.get(page.size() - 1).archiveId();
        if (query.flip()) {
            page = new ArrayList<>(page);
            Collections.reverse(page);
        }
        return new ArchivePage(page, complete, count, first, last);
    }

    /** The first and last message of one archive. */
    public record Bounds(ArchivedMessage first, ArchivedMessage last) {}

    /** The first and last message of {@code owner}'s archive (XEP-0313 §6 metadata), if it has any. */
    public Optional<Bounds> bounds(BareJid owner) {
        ArchiveStore.Range all = new ArchiveStore.Range(null, null, 1, Long.MAX_VALUE, null);
        List<ArchivedMessage> first = store.read(owner, all, false, 1);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        List<ArchivedMessage> last = store.read(owner, all, true, 1);
        return Optional.of(new Bounds(first.get(0), last.isEmpty() ? first.get(0) : last.get(0)));
    }

    /** {@code owner}'s preferences, the server's default when they set none. */
    public ArchivePrefs prefs(BareJid owner) {
        synchronized (prefsCache) {
            ArchivePrefs cached = prefsCache.get(owner);
            if (cached != null) {
                return cached;
            }
        }
        ArchivePrefs prefs = store.prefs(owner).orElse(ArchivePrefs.of(serverDefault));
        synchronized (prefsCache) {
            prefsCache.put(owner, prefs);
        }
        return prefs;
    }

    /** Replaces {@code owner}'s preferences; false when there is no such account. */
    public boolean setPrefs(BareJid owner, ArchivePrefs prefs) {
        synchronized (prefsCache) {
            prefsCache.remove(owner);
        }
        boolean set = store.setPrefs(owner, prefs);
        synchronized (prefsCache) {
            prefsCache.remove(owner); // a reader may have cached the old value while the write ran
        }
        return set;
    }

    /** Forgets cached preferences, for an account removed or created again. */
    public void evict(BareJid owner) {
        synchronized (prefsCache) {
            prefsCache.remove(owner);
        }
    }

    /** Whether {@code owner}'s archive keeps a message with {@code contact} (a bare JID or domain). */
    public boolean keeps(BareJid owner, String contact) {
        return prefs(owner).keeps(contact, () -> {
            try {
                return inRoster.test(owner, BareJid.parse(contact));
            } catch (IllegalArgumentException e) {
                return false; // a domain is never a roster contact here
            }
        });
    }

    private long known(BareJid owner, String wire, String what) throws ArchiveException {
        OptionalLong id = ArchiveIds.parse(wire);
        if (id.isEmpty() || store.existing(owner, Set.of(id.getAsLong())).isEmpty()) {
            throw notFound(what);
        }
        return id.getAsLong();
    }

    private static ArchiveException notFound(String what) {
        return new ArchiveException(ArchiveError.ITEM_NOT_FOUND, what + " names no message of this archive");
    }
}
