package org.parley.streammgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnackedQueueTest {

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    @DisplayName("XEP-0198 §4: <a h/> drops the stanzas up to h, in order; a repeated h drops nothing")
    void acknowledgementDropsUpToH() {
        UnackedQueue<String> queue = new UnackedQueue<>();
        queue.add("one", NOW);
        queue.add("two", NOW);
        queue.add("three", NOW);
        assertThat(queue.ack(2)).isEqualTo(new UnackedQueue.Acked<>(List.of("one", "two")));
        assertThat(queue.ack(2)).isEqualTo(new UnackedQueue.Acked<>(List.of()));
        assertThat(queue.pending()).extracting(UnackedQueue.Entry::stanza).containsExactly("three");
        assertThat(queue.pending().get(0).sequence()).isEqualTo(3);
    }

    @Test
    @DisplayName("XEP-0198 §4: an h beyond what was sent is refused (handled-count-too-high) and changes nothing")
    void hBeyondSentIsRefused() {
        UnackedQueue<String> queue = new UnackedQueue<>();
        queue.add("one", NOW);
        assertThat(queue.ack(2)).isEqualTo(new UnackedQueue.TooHigh<>(2, 1));
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.ack(1)).isInstanceOf(UnackedQueue.Acked.class);
        // behind the last acknowledgement is "too high" too: it would be 2^32 - 1 stanzas ahead
        assertThat(queue.ack(0)).isInstanceOf(UnackedQueue.TooHigh.class);
    }

    @Test
    @DisplayName("XEP-0198 §4: the counter wraps to 0 after 2^32 - 1, and acknowledgements across the wrap work")
    void countersWrapAt2To32() {
        UnackedQueue<String> queue = UnackedQueue.startingAt(Counter32.MAX - 1);
        assertThat(queue.add("a", NOW)).isEqualTo(Counter32.MAX);
        assertThat(queue.add("b", NOW)).isZero();
        assertThat(queue.add("c", NOW)).isEqualTo(1);
        assertThat(queue.sent()).isEqualTo(1);
        assertThat(queue.ack(0)).isEqualTo(new UnackedQueue.Acked<>(List.of("a", "b")));
        assertThat(queue.ack(1)).isEqualTo(new UnackedQueue.Acked<>(List.of("c")));
        assertThat(queue.ack(2)).isEqualTo(new UnackedQueue.TooHigh<>(2, 1));
    }

    @Test
    void drainTakesEverythingWithItsTime() {
        UnackedQueue<String> queue = new UnackedQueue<>();
        queue.add("one", NOW);
        queue.add("two", NOW.plusSeconds(1));
        assertThat(queue.drain()).extracting(UnackedQueue.Entry::queuedAt).containsExactly(NOW, NOW.plusSeconds(1));
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.ack(2)).isEqualTo(new UnackedQueue.Acked<>(List.of()));
    }
}
