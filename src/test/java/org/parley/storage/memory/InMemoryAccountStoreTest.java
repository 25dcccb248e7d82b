package org.parley.storage.memory;

import org.parley.account.AccountStore;
import org.parley.account.AccountStoreContract;

class InMemoryAccountStoreTest implements AccountStoreContract {

    // JUnit makes a new instance per test method, so every test gets an empty store.
    private final InMemoryAccountStore store = new InMemoryAccountStore();

    @Override
    public AccountStore store() {
        return store;
    }
}
