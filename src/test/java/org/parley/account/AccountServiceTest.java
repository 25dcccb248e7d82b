package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.storage.memory.InMemoryAccountStore;
import org.parley.xmpp.BareJid;

class AccountServiceTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.123456789Z");
    private static final BareJid ALICE = BareJid.parse("alice@example.org");
    private static final BareJid BOB = BareJid.parse("bob@example.org");

    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final AccountService service = new AccountService(
            store, new PasswordPolicy(8), 4096, new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void registerCreatesAnAccountWithFreshSaltsAndNoPassword() {
        assertThat(service.register(ALICE, "correct horse")).isEqualTo(new RegistrationResult.Created());

        AccountCredentials stored = store.find(ALICE).orElseThrow();
        assertThat(stored.createdAt()).isEqualTo(NOW);
        assertThat(stored.sha1().hash()).isEqualTo(ScramHash.SHA_1);
        assertThat(stored.sha256().hash()).isEqualTo(ScramHash.SHA_256);
        assertThat(stored.sha1().iterations()).isEqualTo(4096);
        assertThat(stored.sha1().salt()).hasSize(16).isNotEqualTo(stored.sha256().salt());
        assertThat(stored.sha1().matches("correct horse")).isTrue();
        assertThat(stored.sha256().matches("correct horse")).isTrue();
        assertThat(service.exists(ALICE)).isTrue();
        assertThat(service.list()).containsExactly(ALICE);
    }

    @Test
    void twoAccountsWithOnePasswordGetDifferentVerifiers() {
        service.register(ALICE, "same password");
        service.register(BOB, "same password");

        assertThat(store.find(ALICE).orElseThrow().sha256())
                .isNotEqualTo(store.find(BOB).orElseThrow().sha256());
    }

    @Test
    void registeringATakenJidChangesNothing() {
        service.register(ALICE, "first password");
        AccountCredentials before = store.find(ALICE).orElseThrow();

        assertThat(service.register(BareJid.parse("ALICE@Example.org"), "second password"))
                .isEqualTo(new RegistrationResult.AlreadyExists());
        assertThat(store.find(ALICE)).contains(before);
        assertThat(service.verifyPassword(ALICE, "first password")).isTrue();
    }

    @Test
    void weakAndEmptyPasswordsAreRejectedAndNothingIsStored() {
        assertThat(service.register(ALICE, "short"))
                .isEqualTo(new RegistrationResult.Rejected("the password is shorter than 8 characters"));
        assertThat(service.register(ALICE, ""))
                .isEqualTo(new RegistrationResult.Rejected("the password is empty"));
        assertThat(service.register(ALICE, "long enough\u0000"))
                .isEqualTo(new RegistrationResult.Rejected("the password contains a control character"));
        assertThat(store.count()).isZero();
    }

    @Test
    void nonAsciiPasswordRoundTrips() {
        assertThat(service.register(ALICE, "pässwörd€中文")).isEqualTo(new RegistrationResult.Created());

        assertThat(service.verifyPassword(ALICE, "pässwörd€中文")).isTrue();
        assertThat(service.verifyPassword(ALICE, "pa\u0308sswo\u0308rd€中文")).as("decomposed spelling").isTrue();
        assertThat(service.verifyPassword(ALICE, "passwörd€中文")).isFalse();
        assertThat(service.credentials(ALICE, ScramHash.SHA_1).orElseThrow().matches("pässwörd€中文")).isTrue();
    }

    @Test
    void changePasswordReplacesTheVerifiersAndKeepsCreationTime() {
        service.register(ALICE, "old password");

        assertThat(service.changePassword(ALICE, "new password")).isEqualTo(new ChangeResult.Changed());

        assertThat(service.verifyPassword(ALICE, "old password")).isFalse();
        assertThat(service.verifyPassword(ALICE, "new password")).isTrue();
        assertThat(service.credentials(ALICE, ScramHash.SHA_1).orElseThrow().matches("new password")).isTrue();
        assertThat(store.find(ALICE).orElseThrow().createdAt()).isEqualTo(NOW);
    }

    @Test
    void changePasswordOfAnUnknownUser() {
        assertThat(service.changePassword(ALICE, "new password")).isEqualTo(new ChangeResult.UnknownUser());
        assertThat(store.count()).isZero();
    }

    @Test
    void aWeakNewPasswordKeepsTheOldOne() {
        service.register(ALICE, "old password");

        assertThat(service.changePassword(ALICE, "short"))
                .isEqualTo(new ChangeResult.Rejected("the password is shorter than 8 characters"));
        assertThat(service.verifyPassword(ALICE, "old password")).isTrue();
    }

    @Test
    void createdAndRemovedAccountsAreReportedAfterTheStoreHasThem() {
        List<String> reported = new ArrayList<>();
        AccountService reporting = new AccountService(store, new PasswordPolicy(8), 4096, new SecureRandom(),
                Clock.fixed(NOW, ZoneOffset.UTC), jid -> reported.add(jid + (store.exists(jid) ? " +" : " -")));

        reporting.register(ALICE, "correct horse");
        reporting.register(ALICE, "correct horse");
        reporting.register(BOB, "short");
        reporting.remove(ALICE);
        reporting.remove(ALICE);

        assertThat(reported).containsExactly("alice@example.org +", "alice@example.org -");
    }

    @Test
    void removeDeletesTheAccount() {
        service.register(ALICE, "correct horse");
        service.register(BOB, "correct horse");

        assertThat(service.remove(ALICE)).isTrue();
        assertThat(service.remove(ALICE)).isFalse();
        assertThat(service.exists(ALICE)).isFalse();
        assertThat(service.verifyPassword(ALICE, "correct horse")).isFalse();
        assertThat(service.list()).containsExactly(BOB);
    }

    @Test
    void verifyPasswordRejectsWrongAndUnknown() {
        service.register(ALICE, "correct horse");

        assertThat(service.verifyPassword(ALICE, "correct horse")).isTrue();
        assertThat(service.verifyPassword(ALICE, "wrong horse")).isFalse();
        assertThat(service.verifyPassword(ALICE, "")).isFalse();
        assertThat(service.verifyPassword(BOB, "correct horse")).isFalse();
        assertThat(service.verifyPassword(BOB, "")).isFalse();
    }

    @Test
    void aPasswordSaslPrepRejectsIsWrongNotAnError() {
        service.register(ALICE, "correct horse");

        assertThat(service.verifyPassword(ALICE, "correct horse\u0007")).isFalse();
        assertThat(service.verifyPassword(BOB, "\uDC00")).isFalse();
    }

    @Test
    void credentialsForScram() {
        service.register(ALICE, "correct horse");

        assertThat(service.credentials(ALICE, ScramHash.SHA_256).orElseThrow().hash()).isEqualTo(ScramHash.SHA_256);
        assertThat(service.credentials(ALICE, ScramHash.SHA_1).orElseThrow().hash()).isEqualTo(ScramHash.SHA_1);
        assertThat(service.credentials(BOB, ScramHash.SHA_1)).isEmpty();
    }

    @Test
    void concurrentRegistrationsOfOneJidCreateOnce() throws Exception {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<RegistrationResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String password = "password number " + i;
                Callable<RegistrationResult> register = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return service.register(ALICE, password);
                };
                results.add(pool.submit(register));
            }
            int created = 0;
            for (Future<RegistrationResult> result : results) {
                if (result.get(30, TimeUnit.SECONDS) instanceof RegistrationResult.Created) {
                    created++;
                }
            }
            assertThat(created).isEqualTo(1);
            assertThat(store.count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tooFewIterationsAreRefused() {
        assertThatThrownBy(() -> new AccountService(
                        store, new PasswordPolicy(8), 4095, new SecureRandom(), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4096");
    }
}
