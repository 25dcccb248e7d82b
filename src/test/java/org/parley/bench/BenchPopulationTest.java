package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchPopulationTest {

    @Test
    void neighboursWrapAroundAndSkipTheUser() {
        BenchPopulation population = new BenchPopulation("load.lab", 10, 4);
        assertThat(population.contacts(1)).containsExactly(9, 10, 2, 3);
        assertThat(population.contacts(5)).containsExactly(3, 4, 6, 7);
        assertThat(population.contacts(10)).containsExactly(8, 9, 1, 2);
        assertThat(population.user(3).toString()).isEqualTo("user3@load.lab");
    }

    @Test
    void oddRosterSizesPutTheExtraContactAbove() {
        assertThat(new BenchPopulation("d", 10, 3).contacts(5)).containsExactly(4, 6, 7);
    }

    @Test
    void everyRosterIsSymmetricAndHasRContacts() {
        BenchPopulation population = new BenchPopulation("d", 101, 50);
        for (int i = 1; i <= population.users(); i++) {
            assertThat(population.contacts(i)).hasSize(50).doesNotHaveDuplicates().doesNotContain(i);
            for (int j : population.contacts(i)) {
                assertThat(population.contacts(j)).contains(i);
            }
        }
    }

    @Test
    void refusesImpossiblePopulations() {
        assertThatThrownBy(() -> new BenchPopulation("d", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BenchPopulation("d", 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BenchPopulation("d", 5, 1).user(6)).isInstanceOf(IllegalArgumentException.class);
    }
}
