package org.parley.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.parley.xmpp.BareJid;

/** {@link ArchiveStore} in memory, for service tests; behaves as the H2 store does ({@link ArchiveStoreContract}). */
public final class InMemoryArchiveStore implements ArchiveStore {

    private record Row(BareJid owner, ArchivedMessage message, String withResource) {}

    private final Predicate<BareJid> accountExists;
    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private final Map<BareJid, ArchivePrefs> prefs = new HashMap<>();
    private long nextId = 1;

    public InMemoryArchiveStore(Predicate<BareJid> accountExists) {
        this.accountExists = accountExists;
    }

    @Override
    public synchronized List<Long> appendAll(List<Append> appends, int maxPerUser) {
        List<Long> ids = new ArrayList<>();
        Set<BareJid> owners = new HashSet<>();
        for (Append a : appends) {
            if (!accountExists.test(a.owner())) {
                ids.add(NOT_KEPT);
                continue;
            }
            long id = nextId++;
            rows.put(id, new Row(a.owner(), new ArchivedMessage(id, a.with(), a.outgoing(), a.at(), a.stanza()),
                    a.withResource()));
            ids.add(id);
            owners.add(a.owner());
        }
        if (maxPerUser > 0) {
            for (BareJid owner : owners) {
                List<Long> mine = rows.values().stream().filter(r -> r.owner().equals(owner))
                        .map(r -> r.message().id()).toList();
                for (int i = 0; i < mine.size() - maxPerUser; i++) {
                    rows.remove(mine.get(i));
                }
            }
        }
        return List.copyOf(ids);
    }

    private List<ArchivedMessage> matching(BareJid owner, Range range) {
        List<ArchivedMessage> out = new ArrayList<>();
        if (range.fromId() > range.toId()) {
            return out;
        }
        for (Row r : rows.subMap(range.fromId(), true, range.toId(), true).values()) {
            if (r.owner().equals(owner) && (range.with() == null || range.with().equals(r.message().with()))
                    && (range.withResource() == null || range.withResource().equals(r.withResource()))
                    && (range.ids() == null || range.ids().contains(r.message().id()))) {
                out.add(r.message());
            }
        }
        return out;
    }

    @Override
    public synchronized List<ArchivedMessage> read(BareJid owner, Range range, boolean newestFirst, int limit) {
        List<ArchivedMessage> all = new ArrayList<>(matching(owner, range));
        if (newestFirst) {
            java.util.Collections.reverse(all);
        }
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    @Override
    public synchronized long count(BareJid owner, Range range) {
        return matching(owner, range).size();
    }

    @Override
    public synchronized Set<Long> existing(BareJid owner, Set<Long> ids) {
        Set<Long> found = new HashSet<>();
        for (long id : ids) {
            Row r = rows.get(id);
            if (r != null && r.owner().equals(owner)) {
                found.add(id);
            }
        }
        return found;
    }

    @Override
    public synchronized OptionalLong firstIdFrom(BareJid owner, Instant start) {
        return rows.values().stream().filter(r -> r.owner().equals(owner) && !r.message().at().isBefore(start))
                .mapToLong(r -> r.message().id()).min();
    }

    @Override
    public synchronized OptionalLong lastIdUntil(BareJid owner, Instant end) {
        return rows.values().stream().filter(r -> r.owner().equals(owner) && !r.message().at().isAfter(end))
                .mapToLong(r -> r.message().id()).max();
    }

    @Override
    public synchronized boolean delete(BareJid owner, long id) {
        Row r = rows.get(id);
        return r != null && r.owner().equals(owner) && rows.remove(id) != null;
    }

    @Override
    public synchronized int deleteOlderThan(Instant cutoff, int limit) {
        List<Long> expired = new ArrayList<>();
        for (Row r : rows.values()) {
            if (expired.size() == limit || !r.message().at().isBefore(cutoff)) {
                break;
            }
            expired.add(r.message().id());
        }
        expired.forEach(rows::remove);
        return expired.size();
    }

    @Override
    public synchronized Optional<Instant> latestStamp() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.lastEntry().getValue().message().at());
    }

    @Override
    public synchronized Optional<ArchivePrefs> prefs(BareJid owner) {
        return Optional.ofNullable(prefs.get(owner));
    }

    @Override
    public synchronized boolean setPrefs(BareJid owner, ArchivePrefs p) {
        if (!accountExists.test(owner)) {
            return false;
        }
        prefs.put(owner, p);
        return true;
    }
}
