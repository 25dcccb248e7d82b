package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnauthenticatedConnectionsTest {

    private final UnauthenticatedConnections gate = new UnauthenticatedConnections(3, 2);

    @Test
    void oneAddressGetsItsShare() {
        assertThat(gate.tryAdmit("10.0.0.1")).isTrue();
        assertThat(gate.tryAdmit("10.0.0.1")).isTrue();

        assertThat(gate.tryAdmit("10.0.0.1")).isFalse();
        assertThat(gate.tryAdmit("10.0.0.2")).as("another address still gets in").isTrue();
        assertThat(gate.total()).isEqualTo(3);
    }

    @Test
    void allAddressesTogetherGetTheTotal() {
        gate.tryAdmit("10.0.0.1");
        gate.tryAdmit("10.0.0.2");
        gate.tryAdmit("10.0.0.3");

        assertThat(gate.tryAdmit("10.0.0.4")).isFalse();
        gate.release("10.0.0.2");
        assertThat(gate.tryAdmit("10.0.0.4")).isTrue();
    }

    @Test
    void releasingFreesTheAddressAgain() {
        gate.tryAdmit("10.0.0.1");
        gate.tryAdmit("10.0.0.1");
        gate.release("10.0.0.1");

        assertThat(gate.tryAdmit("10.0.0.1")).isTrue();
        gate.release("10.0.0.1");
        gate.release("10.0.0.1");
        assertThat(gate.total()).isZero();
    }

    @Test
    void releasingWhatWasNeverCountedIsABug() {
        assertThatThrownBy(() -> gate.release("10.0.0.9")).isInstanceOf(IllegalStateException.class);
    }
}
