package org.parley.storage.memory;

import org.parley.pep.PepStore;
import org.parley.pep.PepStoreContract;
import org.parley.xmpp.BareJid;

class InMemoryPepStoreTest implements PepStoreContract {

    // JUnit makes a new instance per test method, so every test gets an empty store.
    private final InMemoryPepStore store = new InMemoryPepStore();

    @Override
    public PepStore store() {
        return store;
    }

    @Override
    public void createAccount(BareJid owner) {
        // The in-memory store does not know about accounts: any owner may have nodes.
    }
}
