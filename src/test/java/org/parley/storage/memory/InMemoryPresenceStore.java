package org.parley.storage.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.parley.presence.PresenceStore;
import org.parley.xmpp.BareJid;

/**
 * {@link PresenceStore} in memory. One monitor guards everything: the store is written once per login and logout,
 * so a single lock costs nothing measurable, and it makes {@link #offline}'s "delete, then keep the last presence
 * if no resource is left" one step, as the H2 store's transaction does.
 *
 * <p>The online resources are kept sorted by the user's JID string, then the resource, which is the order of the
 * H2 store's {@code ORDER BY owner_jid, resource}. Like the other in-memory stores it accepts any user, account or
 * not.
 */
public final class InMemoryPresenceStore implements PresenceStore {

    /** The key of an online resource, in the order {@link #online()} promises. */
    private record Key(String user, String resource) {}

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::user).thenComparing(Key::resource);

    private final NavigableMap<Key, OnlineResource> online = new TreeMap<>(ORDER);
    private final Map<BareJid, LastPresence> last = new HashMap<>();
    private OptionalLong serverPid = OptionalLong.empty();

    @Override
    public synchronized void serverStarted(long pid, Instant at) {
        if (pid <= 0) {
            throw new IllegalArgumentException("a process id is positive, was " + pid);
        }
        Objects.requireNonNull(at, "at");
        serverPid = OptionalLong.of(pid);
        online.clear();
    }

    @Override
    public synchronized OptionalLong serverPid() {
        return serverPid;
    }

    @Override
    public synchronized void online(BareJid user, String resource, Instant since) {
        Objects.requireNonNull(user, "user");
        PresenceStore.requireResource(resource);
        Objects.requireNonNull(since, "since");
        online.put(new Key(user.toString(), resource), new OnlineResource(user, resource, since));
    }

    @Override
    public synchronized void offline(BareJid user, String resource, String unavailableStanza, Instant at) {
        Objects.requireNonNull(user, "user");
        PresenceStore.requireResource(resource);
        Objects.requireNonNull(unavailableStanza, "unavailableStanza");
        Objects.requireNonNull(at, "at");
        online.remove(new Key(user.toString(), resource));
        if (!hasOnline(user)) {
            last.put(user, new LastPresence(user, unavailableStanza, at));
        }
    }

    /** Whether any resource of {@code user} is online: the keys of one user are adjacent in the sorted map. */
    private boolean hasOnline(BareJid user) {
        Key first = online.ceilingKey(new Key(user.toString(), ""));
        return first != null && first.user().equals(user.toString());
    }

    @Override
    public synchronized List<OnlineResource> online() {
        return List.copyOf(online.values());
    }

    @Override
    public synchronized Optional<LastPresence> last(BareJid user) {
        return Optional.ofNullable(last.get(Objects.requireNonNull(user, "user")));
    }
}
