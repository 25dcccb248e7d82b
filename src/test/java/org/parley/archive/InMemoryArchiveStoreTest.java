package org.parley.archive;

import java.util.HashSet;
import java.util.Set;
import org.parley.xmpp.BareJid;

class InMemoryArchiveStoreTest implements ArchiveStoreContract {

    private final Set<BareJid> accounts = new HashSet<>();
    private final InMemoryArchiveStore store = new InMemoryArchiveStore(accounts::contains);

    @Override
    public ArchiveStore store() {
        return store;
    }

    @Override
    public void createAccount(BareJid owner) {
        accounts.add(owner);
    }
}
