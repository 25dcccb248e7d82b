package org.parley.roster;

import org.parley.storage.memory.InMemoryRosterStore;
import org.parley.subscription.SubscriptionRequestStore;
import org.parley.xmpp.BareJid;

/** The cache must keep every promise of the store it fronts: the whole contract, run through it. */
class CachingRosterStoreContractTest implements RosterStoreContract {

    // JUnit makes a new instance per test method, so every test gets an empty store and cache.
    private final InMemoryRosterStore backend = new InMemoryRosterStore();
    // capacity 2 so that the contract's multi-owner tests also run through the trimming
    private final CachingRosterStore store = new CachingRosterStore(backend, 2);

    @Override
    public RosterStore store() {
        return store;
    }

    @Override
    public SubscriptionRequestStore requests() {
        return backend;
    }

    @Override
    public void createAccount(BareJid jid) {
        // The in-memory store accepts any owner.
    }

    @Override
    public void deleteAccount(BareJid jid) {
        // as the server does it: the account goes with its roster, and AccountService tells the cache
        backend.deleteOwner(jid);
        store.evict(jid);
    }
}
