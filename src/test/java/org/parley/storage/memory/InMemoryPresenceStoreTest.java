package org.parley.storage.memory;

import org.parley.presence.PresenceStore;
import org.parley.presence.PresenceStoreContract;
import org.parley.xmpp.BareJid;

class InMemoryPresenceStoreTest implements PresenceStoreContract {

    // JUnit makes a new instance per test method, so every test gets an empty store.
    private final InMemoryPresenceStore store = new InMemoryPresenceStore();

    @Override
    public PresenceStore store() {
        return store;
    }

    @Override
    public void createAccount(BareJid user) {
        // The in-memory store does not know about accounts: any user may be online.
    }
}
