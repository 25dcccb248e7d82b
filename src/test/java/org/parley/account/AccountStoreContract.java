package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;

/**
 * The behaviour every {@link AccountStore} must have. Each backend's test implements this interface and hands a
 * fresh, empty store to every test method.
 */
public interface AccountStoreContract {

    /** A fresh, empty store; called once per test method. */
    AccountStore store();

    /** Nanosecond precision on purpose: a store must not round the creation time. */
    Instant CREATED = Instant.parse("2025-01-02T03:04:05.123456789Z");

    /** An account with random (not derived) verifiers: stores only copy bytes, they never check them. */
    static AccountCredentials account(String jid, Instant createdAt) {
        return new AccountCredentials(BareJid.parse(jid), credentials(ScramHash.SHA_1),
                credentials(ScramHash.SHA_256), createdAt);
    }

    static ScramCredentials credentials(ScramHash hash) {
        return new ScramCredentials(hash, randomBytes(16), 4096 + ThreadLocalRandom.current().nextInt(1000),
                randomBytes(hash.outputLength()), randomBytes(hash.outputLength()));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    @Test
    default void createThenFindReturnsEqualAccount() {
        AccountCredentials alice = account("alice@example.org", CREATED);

        assertThat(store().create(alice)).isTrue();

        assertThat(store().find(alice.jid())).contains(alice);
    }

    @Test
    default void findUnknownIsEmpty() {
        store().create(account("alice@example.org", CREATED));

        assertThat(store().find(BareJid.parse("bob@example.org"))).isEmpty();
        assertThat(store().find(BareJid.parse("alice@example.net"))).isEmpty();
    }

    @Test
    default void lookupIsByCanonicalJid() {
        store().create(account("Alice@Example.ORG", CREATED));

        assertThat(store().exists(BareJid.parse("alice@example.org"))).isTrue();
        assertThat(store().find(BareJid.parse("ALICE@example.org")).orElseThrow().jid())
                .isEqualTo(BareJid.parse("alice@example.org"));
    }

    @Test
    default void nonAsciiJidRoundTrips() {
        AccountCredentials jurgen = account("jürgen.straße@例え.jp", CREATED);

        assertThat(store().create(jurgen)).isTrue();

        assertThat(store().find(BareJid.parse("JÜRGEN.STRASSE@例え.jp"))).isEmpty(); // ß is not folded to ss
        assertThat(store().find(BareJid.parse("Jürgen.straße@例え.jp"))).contains(jurgen);
        assertThat(store().list()).containsExactly(jurgen.jid());
    }

    @Test
    default void createOfAnExistingJidReturnsFalseAndKeepsTheFirst() {
        AccountCredentials first = account("alice@example.org", CREATED);
        AccountCredentials second = account("alice@example.org", CREATED.plusSeconds(60));

        assertThat(store().create(first)).isTrue();
        assertThat(store().create(second)).isFalse();

        assertThat(store().find(first.jid())).contains(first);
        assertThat(store().count()).isEqualTo(1);
    }

    @Test
    default void updateCredentialsReplacesBothAndKeepsCreationTime() {
        AccountCredentials alice = account("alice@example.org", CREATED);
        store().create(alice);
        ScramCredentials sha1 = credentials(ScramHash.SHA_1);
        ScramCredentials sha256 = credentials(ScramHash.SHA_256);

        assertThat(store().updateCredentials(alice.jid(), sha1, sha256)).isTrue();

        assertThat(store().find(alice.jid())).contains(new AccountCredentials(alice.jid(), sha1, sha256, CREATED));
    }

    @Test
    default void updateCredentialsOfAnUnknownJidReturnsFalse() {
        store().create(account("alice@example.org", CREATED));

        assertThat(store().updateCredentials(BareJid.parse("bob@example.org"),
                credentials(ScramHash.SHA_1), credentials(ScramHash.SHA_256))).isFalse();
        assertThat(store().exists(BareJid.parse("bob@example.org"))).isFalse();
    }

    @Test
    default void updateCredentialsRefusesSwappedHashes() {
        AccountCredentials alice = account("alice@example.org", CREATED);
        store().create(alice);

        assertThatThrownBy(() -> store().updateCredentials(alice.jid(),
                        credentials(ScramHash.SHA_256), credentials(ScramHash.SHA_1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store().find(alice.jid())).contains(alice);
    }

    @Test
    default void deleteRemovesOnlyThatAccount() {
        AccountCredentials alice = account("alice@example.org", CREATED);
        AccountCredentials bob = account("bob@example.org", CREATED);
        store().create(alice);
        store().create(bob);

        assertThat(store().delete(alice.jid())).isTrue();

        assertThat(store().find(alice.jid())).isEmpty();
        assertThat(store().exists(alice.jid())).isFalse();
        assertThat(store().find(bob.jid())).contains(bob);
        assertThat(store().delete(alice.jid())).isFalse();
    }

    @Test
    default void aDeletedJidCanBeCreatedAgain() {
        AccountCredentials alice = account("alice@example.org", CREATED);
        store().create(alice);
        store().delete(alice.jid());
        AccountCredentials again = account("alice@example.org", CREATED.plusSeconds(1));

        assertThat(store().create(again)).isTrue();
        assertThat(store().find(alice.jid())).contains(again);
    }

    @Test
    default void existsFollowsTheLifecycle() {
        BareJid alice = BareJid.parse("alice@example.org");
        assertThat(store().exists(alice)).isFalse();

        store().create(account("alice@example.org", CREATED));
        assertThat(store().exists(alice)).isTrue();

        store().delete(alice);
        assertThat(store().exists(alice)).isFalse();
    }

    @Test
    default void listIsSortedByJidString() {
        // '@' (0x40) sorts before letters, so "a@z.example" precedes "ab@a.example"; the domain only breaks ties.
        for (String jid : List.of("zed@a.example", "ab@a.example", "a@z.example", "a@b.example", "b@a.example")) {
            store().create(account(jid, CREATED));
        }

        assertThat(store().list()).extracting(BareJid::toString)
                .containsExactly("a@b.example", "a@z.example", "ab@a.example", "b@a.example", "zed@a.example");
    }

    @Test
    default void listOfAnEmptyStoreIsEmpty() {
        assertThat(store().list()).isEmpty();
        assertThat(store().count()).isZero();
    }

    @Test
    default void countCountsAccounts() {
        for (int i = 0; i < 5; i++) {
            store().create(account("user" + i + "@example.org", CREATED));
        }
        store().create(account("user0@example.org", CREATED));
        store().delete(BareJid.parse("user3@example.org"));

        assertThat(store().count()).isEqualTo(4);
    }

    @Test
    default void concurrentCreatesOfOneJidHaveExactlyOneWinner() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                List<AccountCredentials> candidates = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    candidates.add(account("race" + round + "@example.org", CREATED));
                }
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> results = new ArrayList<>();
                for (AccountCredentials candidate : candidates) {
                    Callable<Boolean> create = () -> {
                        start.await(10, TimeUnit.SECONDS);
                        return store().create(candidate);
                    };
                    results.add(pool.submit(create));
                }
                AccountCredentials winner = null;
                int wins = 0;
                for (int i = 0; i < threads; i++) {
                    if (results.get(i).get(30, TimeUnit.SECONDS)) {
                        wins++;
                        winner = candidates.get(i);
                    }
                }
                assertThat(wins).as("winners in round %d", round).isEqualTo(1);
                assertThat(store().find(winner.jid())).contains(winner);
            }
            assertThat(store().count()).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }
}
