package org.parley.storage.memory;

import org.parley.roster.RosterStore;
import org.parley.roster.RosterStoreContract;
import org.parley.subscription.SubscriptionRequestStore;
import org.parley.xmpp.BareJid;

class InMemoryRosterStoreTest implements RosterStoreContract {

    // JUnit makes a new instance per test method, so every test gets an empty store.
    private final InMemoryRosterStore store = new InMemoryRosterStore();

    @Override
    public RosterStore store() {
        return store;
    }

    @Override
    public SubscriptionRequestStore requests() {
        return store;
    }

    @Override
    public void createAccount(BareJid jid) {
        // The in-memory store accepts any owner.
    }

    @Override
    public void deleteAccount(BareJid jid) {
        store.deleteOwner(jid);
    }
}
