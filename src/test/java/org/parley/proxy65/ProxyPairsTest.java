package org.parley.proxy65;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.proxy65.ProxyPairs.Connect;

/** The pairing and activation rules of XEP-0065 §6.3, with strings standing in for connections. */
class ProxyPairsTest {

    private final ProxyPairs<String> pairs = new ProxyPairs<>(2);

    @Test
    @DisplayName("§6.3: target connects, requester connects, requester activates: the two are paired")
    void targetThenRequesterThenActivation() {
        assertThat(pairs.connect("h", "target")).isEqualTo(Connect.FIRST);
        assertThat(pairs.connect("h", "requester")).isEqualTo(Connect.SECOND);

        assertThat(pairs.activate("h")).isEqualTo(new ProxyPairs.Activated<>("target", "requester"));
        assertThat(pairs.isActive("h")).isTrue();
    }

    @Test
    @DisplayName("§6.3.5: activation with only one party connected is not-allowed")
    void onlyOneConnected() {
        pairs.connect("h", "target");

        assertThat(pairs.activate("h")).isInstanceOf(ProxyPairs.OnlyOneConnected.class);
        assertThat(pairs.isActive("h")).isFalse();
    }

    @Test
    @DisplayName("§6.3.5: a hash nobody connected with (wrong SID, target or requester) is item-not-found")
    void unknownHash() {
        pairs.connect("h", "target");
        pairs.connect("h", "requester");

        assertThat(pairs.activate("other")).isInstanceOf(ProxyPairs.NotFound.class);
        assertThat(pairs.isActive("h")).isFalse();
    }

    @Test
    @DisplayName("a hash is used once: no third connection, no second activation, no reuse after the stream ended")
    void usedOnce() {
        pairs.connect("h", "target");
        pairs.connect("h", "requester");
        assertThat(pairs.connect("h", "intruder")).isEqualTo(Connect.IN_USE);

        pairs.activate("h");
        assertThat(pairs.activate("h")).isInstanceOf(ProxyPairs.NotFound.class);
        assertThat(pairs.connect("h", "intruder")).isEqualTo(Connect.IN_USE);

        pairs.closed("h", "target");
        assertThat(pairs.size()).isZero();
        assertThat(pairs.connect("h", "again")).isEqualTo(Connect.IN_USE);
    }

    @Test
    @DisplayName("when one side of an active stream closes, the other side is returned to be closed too")
    void closingOneSideOfAnActiveStream() {
        pairs.connect("h", "target");
        pairs.connect("h", "requester");
        pairs.activate("h");

        assertThat(pairs.closed("h", "requester")).contains("target");
        assertThat(pairs.closed("h", "target")).isEmpty();
        assertThat(pairs.size()).isZero();
    }

    @Test
    @DisplayName("a waiting party that leaves frees its place; the other keeps waiting")
    void closingWhileWaiting() {
        pairs.connect("h", "target");
        pairs.connect("h", "requester");

        assertThat(pairs.closed("h", "target")).isEmpty();
        assertThat(pairs.activate("h")).isInstanceOf(ProxyPairs.OnlyOneConnected.class);
        assertThat(pairs.connect("h", "target again")).isEqualTo(Connect.SECOND);
        assertThat(pairs.activate("h")).isEqualTo(new ProxyPairs.Activated<>("requester", "target again"));
    }

    @Test
    @DisplayName("a close for a connection the proxy does not hold changes nothing")
    void foreignClose() {
        pairs.connect("h", "target");

        assertThat(pairs.closed("h", "stranger")).isEmpty();
        assertThat(pairs.closed("unknown", "target")).isEmpty();
        assertThat(pairs.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("max pairs: a new stream past the limit is refused, existing ones can still be completed")
    void full() {
        pairs.connect("a", "a1");
        pairs.connect("b", "b1");

        assertThat(pairs.connect("c", "c1")).isEqualTo(Connect.FULL);
        assertThat(pairs.connect("a", "a2")).isEqualTo(Connect.SECOND);

        pairs.closed("b", "b1");
        assertThat(pairs.connect("c", "c1")).isEqualTo(Connect.FIRST);
    }
}
