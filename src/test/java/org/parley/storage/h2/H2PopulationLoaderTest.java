package org.parley.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.account.AccountService;
import org.parley.account.PasswordPolicy;
import org.parley.account.ScramCredentials;
import org.parley.account.ScramHash;
import org.parley.bench.BenchPopulation;
import org.parley.roster.Roster;
import org.parley.roster.RosterItem;
import org.parley.storage.Database;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

class H2PopulationLoaderTest {

    private static final byte[] SALT = {1, 2, 3, 4};

    private Database database;
    private H2PopulationLoader loader;
    private H2RosterStore rosters;
    private AccountService accounts;

    @BeforeEach
    void openDatabase() {
        database = Database.openInMemory("population-" + UUID.randomUUID(), 2);
        loader = new H2PopulationLoader(database.dataSource());
        rosters = new H2RosterStore(database.dataSource());
        accounts = new AccountService(new H2AccountStore(database.dataSource()), new PasswordPolicy(1),
                AccountService.MIN_SCRAM_ITERATIONS, new SecureRandom(), Clock.systemUTC());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void writesAccountsThatLogInAndSymmetricBothRosters() {
        BenchPopulation population = new BenchPopulation("load.lab", 20, 6);
        assertThat(load(population, "pass")).isEqualTo(20 * 6);

        BareJid user1 = population.user(1);
        assertThat(accounts.verifyPassword(user1, "pass")).isTrue();
        assertThat(accounts.verifyPassword(population.user(20), "pass")).isTrue();
        assertThat(accounts.verifyPassword(user1, "wrong")).isFalse();
        Roster roster = rosters.roster(user1);
        assertThat(roster.version()).isEqualTo(1);
        assertThat(roster.items()).extracting(RosterItem::contact).containsExactlyInAnyOrder(
                population.user(18), population.user(19), population.user(20),
                population.user(2), population.user(3), population.user(4));
        assertThat(roster.items()).allSatisfy(item -> {
            assertThat(item.subscription()).isEqualTo(SubscriptionState.BOTH);
            assertThat(item.name()).isEqualTo(item.contact().local());
        });
        assertThat(rosters.item(population.user(18), user1)).isPresent();
    }

    @Test
    void loadingAgainReplacesRostersAndPasswords() {
        load(new BenchPopulation("load.lab", 20, 6), "pass");
        BenchPopulation smaller = new BenchPopulation("load.lab", 20, 2);
        assertThat(load(smaller, "other")).isEqualTo(40);

        assertThat(rosters.roster(smaller.user(5)).items()).hasSize(2);
        assertThat(accounts.verifyPassword(smaller.user(5), "other")).isTrue();
        assertThat(accounts.verifyPassword(smaller.user(5), "pass")).isFalse();
        assertThat(load(new BenchPopulation("load.lab", 20, 0), "pass")).isZero();
        assertThat(rosters.roster(smaller.user(5)).items()).isEmpty();
    }

    private long load(BenchPopulation population, String password) {
        int iterations = AccountService.MIN_SCRAM_ITERATIONS;
        return loader.load(population, ScramCredentials.derive(ScramHash.SHA_1, password, SALT, iterations),
                ScramCredentials.derive(ScramHash.SHA_256, password, SALT, iterations));
    }
}
