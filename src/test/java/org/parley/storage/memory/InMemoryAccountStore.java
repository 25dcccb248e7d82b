package org.parley.storage.memory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.parley.account.AccountCredentials;
import org.parley.account.AccountStore;
import org.parley.account.ScramCredentials;
import org.parley.account.ScramHash;
import org.parley.xmpp.BareJid;

/**
 * {@link AccountStore} in a concurrent map. Keyed by the JID's string form, so iteration order is the
 * {@link String#compareTo} order the contract promises for {@link #list()}, the same as H2's.
 */
public final class InMemoryAccountStore implements AccountStore {

    private final ConcurrentNavigableMap<String, AccountCredentials> accounts = new ConcurrentSkipListMap<>();

    @Override
    public boolean create(AccountCredentials account) {
        Objects.requireNonNull(account, "account");
        return accounts.putIfAbsent(account.jid().toString(), account) == null;
    }

    @Override
    public Optional<AccountCredentials> find(BareJid jid) {
        return Optional.ofNullable(accounts.get(key(jid)));
    }

    @Override
    public boolean updateCredentials(BareJid jid, ScramCredentials sha1, ScramCredentials sha256) {
        Objects.requireNonNull(sha1, "sha1").requireHash(ScramHash.SHA_1);
        Objects.requireNonNull(sha256, "sha256").requireHash(ScramHash.SHA_256);
        return accounts.computeIfPresent(key(jid), (k, old) -> old.withCredentials(sha1, sha256)) != null;
    }

    @Override
    public boolean delete(BareJid jid) {
        return accounts.remove(key(jid)) != null;
    }

    @Override
    public boolean exists(BareJid jid) {
        return accounts.containsKey(key(jid));
    }

    @Override
    public List<BareJid> list() {
        return accounts.values().stream().map(AccountCredentials::jid).toList();
    }

    @Override
    public long count() {
        return accounts.size();
    }

    private static String key(BareJid jid) {
        return Objects.requireNonNull(jid, "jid").toString();
    }
}
