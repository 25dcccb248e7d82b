package org.parley.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;

class ArchiveWriterTest {

    private static final BareJid ALICE = BareJid.parse("alice@example.org");
    private static final BareJid BOB = BareJid.parse("bob@example.org");

    private final InMemoryArchiveStore store = new InMemoryArchiveStore(Set.of(ALICE, BOB)::contains);

    private static ArchiveWriter.Draft draft(BareJid owner, String body) {
        return new ArchiveWriter.Draft(owner, "x@example.org", null, false, "<message><body>" + body
                + "</body></message>");
    }

    @Test
    void returnsEachCallersIdsInOrderAndNotKeptForNoAccount() {
        ArchiveWriter writer = new ArchiveWriter(store, 10, 0, Clock.systemUTC());
        List<Long> ids = writer.append(List.of(draft(ALICE, "a"), draft(BareJid.parse("gone@example.org"), "g"),
                draft(BOB, "b")));
        assertThat(ids).hasSize(3);
        assertThat(ids.get(1)).isEqualTo(ArchiveStore.NOT_KEPT);
        assertThat(ids.get(0)).isLessThan(ids.get(2));
        assertThat(writer.batches()).isEqualTo(1);
    }

    @Test
    void stampsNeverGoBackWhenTheClockDoes() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:10Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        ArchiveWriter writer = new ArchiveWriter(store, 10, 0, clock);
        writer.append(List.of(draft(ALICE, "1")));
        now.set(Instant.parse("2026-01-01T00:00:05Z"));
        writer.append(List.of(draft(ALICE, "2")));
        List<ArchivedMessage> read = store.read(ALICE, new ArchiveStore.Range(null, null, 1, Long.MAX_VALUE, null),
                false, 10);
        assertThat(read.get(1).at()).isEqualTo(read.get(0).at());
        // and after a restart it starts from the latest stored stamp
        ArchiveWriter restarted = new ArchiveWriter(store, 10, 0, clock);
        restarted.append(List.of(draft(ALICE, "3")));
        assertThat(store.latestStamp()).hasValue(Instant.parse("2026-01-01T00:00:10Z"));
    }

    @Test
    void concurrentSendersAllGetTheirOwnRowsInFewerCommits() throws Exception {
        ArchiveWriter writer = new ArchiveWriter(store, 64, 0, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        mine.addAll(writer.append(List.of(draft(ALICE, "a"), draft(BOB, "b"))));
                    }
                    return mine;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                List<Long> mine = f.get(60, TimeUnit.SECONDS);
                assertThat(mine).as("one caller's messages in its order").isSorted();
                all.addAll(mine);
            }
            assertThat(all).hasSize(3200).doesNotHaveDuplicates().doesNotContain(ArchiveStore.NOT_KEPT);
            assertThat(writer.rows()).isEqualTo(3200);
            assertThat(writer.batches()).isBetween(1L, 1600L);
        } finally {
            pool.shutdownNow();
        }
    }
}
