package org.parley.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.xmpp.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account administration and password checks over an {@link AccountStore}. Passwords pass through here and are
 * turned into SCRAM verifiers at once; they are never stored and never logged.
 *
 * <p>Thread-safe as long as the store is (the {@link SecureRandom} is).
 */
public final class AccountService {

    /** RFC 7677 §4: a server SHOULD announce an iteration count of at least 4096. */
    public static final int MIN_SCRAM_ITERATIONS = 4096;

    private static final int SALT_BYTES = 16;

    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

    private final AccountStore store;
    private final PasswordPolicy policy;
    private final int scramIterations;
    private final SecureRandom random;
    private final Clock clock;
    /** Checked against when the user is unknown, so that a miss costs the same derivation as a hit. */
    private final ScramCredentials dummy;
    private final Consumer<BareJid> createdOrRemoved;

    /**
     * @param scramIterations the Hi iteration count for new verifiers, at least {@link #MIN_SCRAM_ITERATIONS}
     * @param random the source of salts
     * @param clock the source of creation times
     */
    public AccountService(
            AccountStore store, PasswordPolicy policy, int scramIterations, SecureRandom random, Clock clock) {
        this(store, policy, scramIterations, random, clock, jid -> {});
    }

    /**
     * A service that also reports each account it creates or removes, after the store committed it: the seam
     * through which in-memory state derived from an account's data (the server's roster cache) is dropped, since
     * the database deletes that data by cascade, without a write anyone else sees.
     *
     * @param createdOrRemoved called with the JID of each account created or removed through this service
     */
    public AccountService(AccountStore store, PasswordPolicy policy, int scramIterations, SecureRandom random,
            Clock clock, Consumer<BareJid> createdOrRemoved) {
        this.createdOrRemoved = Objects.requireNonNull(createdOrRemoved, "createdOrRemoved");
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (scramIterations < MIN_SCRAM_ITERATIONS) {
            throw new IllegalArgumentException("the SCRAM iteration count must be at least " + MIN_SCRAM_ITERATIONS
                    + " (RFC 7677 §4), was " + scramIterations);
        }
        this.scramIterations = scramIterations;
        // A password nobody knows; its value does not matter as long as the work to check against it is real.
        String dummyPassword = Base64.getEncoder().encodeToString(salt());
        this.dummy = ScramCredentials.derive(ScramHash.SHA_256, dummyPassword, salt(), scramIterations);
    }

    /** Creates an account, if the JID is free and the password acceptable. */
    public RegistrationResult register(BareJid jid, String password) {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(password, "password");
        Optional<String> problem = policy.problem(password);
        if (problem.isPresent()) {
            return new RegistrationResult.Rejected(problem.get());
        }
        // Cheap pre-check so that a taken name does not cost two key derivations; create() stays the arbiter.
        if (store.exists(jid)) {
            return new RegistrationResult.AlreadyExists();
        }
        AccountCredentials account = new AccountCredentials(
                jid, derive(ScramHash.SHA_1, password), derive(ScramHash.SHA_256, password), clock.instant());
        if (!store.create(account)) {
            return new RegistrationResult.AlreadyExists();
        }
        createdOrRemoved.accept(jid);
        LOG.info("Registered account {}", jid);
        return new RegistrationResult.Created();
    }

    /** Replaces the password of an existing account; the policy is checked before the account is looked up. */
    public ChangeResult changePassword(BareJid jid, String newPassword) {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(newPassword, "newPassword");
        Optional<String> problem = policy.problem(newPassword);
        if (problem.isPresent()) {
            return new ChangeResult.Rejected(problem.get());
        }
        if (!store.exists(jid)) {
            return new ChangeResult.UnknownUser();
        }
        boolean updated = store.updateCredentials(
                jid, derive(ScramHash.SHA_1, newPassword), derive(ScramHash.SHA_256, newPassword));
        if (!updated) {
            return new ChangeResult.UnknownUser(); // removed between the two calls
        }
        LOG.info("Changed the password of {}", jid);
        return new ChangeResult.Changed();
    }

    /**
     * Removes an account.
     *
     * @return {@code false} when there was no such account
     */
    public boolean remove(BareJid jid) {
        boolean removed = store.delete(Objects.requireNonNull(jid, "jid"));
        if (removed) {
            createdOrRemoved.accept(jid);
            LOG.info("Removed account {}", jid);
        }
        return removed;
    }

    /** Whether the account exists. */
    public boolean exists(BareJid jid) {
        return store.exists(Objects.requireNonNull(jid, "jid"));
    }

    /** All accounts, sorted by JID string. */
    public List<BareJid> list() {
        return store.list();
    }

    /**
     * Checks a clear-text password, as SASL PLAIN delivers it, against the stored SCRAM-SHA-256 verifier.
     *
     * <p>An unknown user costs one key derivation too, against a dummy verifier, so the response time does not
     * tell an attacker which accounts exist. A password SASLprep rejects is simply wrong.
     */
    public boolean verifyPassword(BareJid jid, String password) {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(password, "password");
        Optional<AccountCredentials> account = store.find(jid);
        boolean matches = account.map(AccountCredentials::sha256).orElse(dummy).matches(password);
        boolean verified = account.isPresent() && matches;
        if (!verified) {
            LOG.debug("Password verification failed for {}", jid);
        }
        return verified;
    }

    /** The stored verifier of an account for {@code hash}, for a SCRAM mechanism to run the exchange with. */
    public Optional<ScramCredentials> credentials(BareJid jid, ScramHash hash) {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(hash, "hash");
        return store.find(jid).map(account -> account.forHash(hash));
    }

    /**
     * A verifier of {@code password} for {@code hash} with its own fresh salt (the two hashes never share one) and
     * the configured iteration count. It checks no password policy and stores nothing: {@link #register} and
     * {@link #changePassword} do both; the load-test provisioner writes what it derives in bulk.
     */
    public ScramCredentials derive(ScramHash hash, String password) {
        return ScramCredentials.derive(hash, password, salt(), scramIterations);
    }

    private byte[] salt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }
}
