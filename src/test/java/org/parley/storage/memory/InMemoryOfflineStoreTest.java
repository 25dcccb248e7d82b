package org.parley.storage.memory;

import org.parley.offline.OfflineStore;
import org.parley.offline.OfflineStoreContract;
import org.parley.xmpp.BareJid;

class InMemoryOfflineStoreTest implements OfflineStoreContract {

    // JUnit makes a new instance per test method, so every test gets an empty store.
    private final InMemoryOfflineStore store = new InMemoryOfflineStore();

    @Override
    public OfflineStore store() {
        return store;
    }

    @Override
    public void createAccount(BareJid owner) {
        // The in-memory store does not know about accounts: any owner may have a queue.
    }
}
