package org.parley.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;

class ArchiveRetentionTest {

    private static final BareJid ALICE = BareJid.parse("alice@example.org");
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void deletesEverythingOlderThanTheRetentionInBatches() {
        InMemoryArchiveStore store = new InMemoryArchiveStore(Set.of(ALICE)::contains);
        List<ArchiveStore.Append> appends = new ArrayList<>();
        int old = ArchiveRetention.BATCH * 2 + 7; // more than one batch
        for (int i = 0; i < old + 3; i++) {
            Instant at = i < old ? NOW.minus(Duration.ofDays(40)) : NOW.minus(Duration.ofDays(1));
            appends.add(new ArchiveStore.Append(ALICE, "bob@example.org", null, false, at, "<message/>"));
        }
        store.appendAll(appends, 0);
        ArchiveRetention job = ArchiveRetention.start(store, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
        try {
            job.runOnce(); // the timer's first pass may have run already: either way nothing old is left
            assertThat(store.count(ALICE, new ArchiveStore.Range(null, null, 1, Long.MAX_VALUE, null))).isEqualTo(3);
        } finally {
            job.close();
        }
    }

    @Test
    void runsEveryTenthOfTheRetentionBetweenASecondAndAnHour() {
        assertThat(ArchiveRetention.interval(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(1));
        assertThat(ArchiveRetention.interval(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(1));
        assertThat(ArchiveRetention.interval(Duration.ofDays(365))).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> ArchiveRetention.start(new InMemoryArchiveStore(s -> true), Duration.ZERO,
                Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }
}
