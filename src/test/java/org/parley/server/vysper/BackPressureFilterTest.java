package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.DummySession;
import org.junit.jupiter.api.Test;

class BackPressureFilterTest {

    /** The rest of the chain: accepts every event and does nothing. */
    private static final NextFilter NEXT = (NextFilter) Proxy.newProxyInstance(NextFilter.class.getClassLoader(),
            new Class<?>[] {NextFilter.class}, (proxy, method, args) -> null);

    @Test
    void readingPausesAtTheLimitAndResumesAtHalf() throws Exception {
        BackPressureFilter filter = new BackPressureFilter(10);
        DummySession session = new DummySession();
        for (int i = 0; i < 9; i++) {
            filter.messageReceived(NEXT, session, "stanza");
        }
        assertThat(session.isReadSuspended()).as("below the limit").isFalse();
        filter.messageReceived(NEXT, session, "stanza");
        assertThat(session.isReadSuspended()).as("at the limit").isTrue();
        for (int i = 0; i < 4; i++) {
            filter.processed(session);
        }
        assertThat(session.isReadSuspended()).as("6 still queued").isTrue();
        filter.processed(session);
        assertThat(session.isReadSuspended()).as("down to half").isFalse();
    }

    @Test
    void connectionsAreCountedSeparately() throws Exception {
        BackPressureFilter filter = new BackPressureFilter(2);
        DummySession busy = new DummySession();
        DummySession quiet = new DummySession();
        filter.messageReceived(NEXT, busy, "a");
        filter.messageReceived(NEXT, busy, "b");
        filter.messageReceived(NEXT, quiet, "c");
        assertThat(busy.isReadSuspended()).isTrue();
        assertThat(quiet.isReadSuspended()).isFalse();
    }

    @Test
    void concurrentCountingNeverLeavesTheConnectionPaused() throws Exception {
        BackPressureFilter filter = new BackPressureFilter(4);
        DummySession session = new DummySession();
        BlockingQueue<Object> executor = new ArrayBlockingQueue<>(100_000);
        int messages = 50_000;
        Thread processing = new Thread(() -> {
            try {
                for (int i = 0; i < messages; i++) {
                    executor.take();
                    filter.processed(session);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        processing.start();
        for (int i = 0; i < messages; i++) {
            filter.messageReceived(NEXT, session, "stanza");
            executor.put("stanza");
        }
        processing.join(30_000);
        assertThat(processing.isAlive()).isFalse();
        assertThat(session.isReadSuspended()).as("reading resumed once everything was processed").isFalse();
    }
}
