package org.parley.account;

import java.util.List;
import java.util.Optional;
import org.parley.xmpp.BareJid;

/**
 * Persistence of local accounts (the SPI {@link AccountService} is written against). Implementations:
 * {@code org.parley.storage.h2.H2AccountStore} and {@code org.parley.storage.memory.InMemoryAccountStore}, both
 * held to the same contract test.
 *
 * <p>Implementations are thread-safe. Infrastructure failures surface as an unchecked exception of the storage
 * layer ({@code org.parley.storage.StorageException}); expected outcomes are return values.
 */
public interface AccountStore {

    /**
     * Stores a new account. Atomic: of two concurrent creates of the same JID exactly one returns {@code true}.
     *
     * @return {@code false}, changing nothing, when an account with this JID already exists
     */
    boolean create(AccountCredentials account);

    /** The account with this JID, if there is one. */
    Optional<AccountCredentials> find(BareJid jid);

    /**
     * Replaces both SCRAM verifiers of an account, keeping its creation time.
     *
     * @return {@code false} when there is no such account
     * @throws IllegalArgumentException when {@code sha1} is not SHA-1 or {@code sha256} is not SHA-256
     */
    boolean updateCredentials(BareJid jid, ScramCredentials sha1, ScramCredentials sha256);

    /**
     * Removes an account.
     *
     * @return {@code false} when there was no such account
     */
    boolean delete(BareJid jid);

    /** Whether an account with this JID exists. */
    boolean exists(BareJid jid);

    /** The JIDs of all accounts, sorted by their string form ({@link String#compareTo}). */
    List<BareJid> list();

    /** The number of accounts. */
    long count();
}
