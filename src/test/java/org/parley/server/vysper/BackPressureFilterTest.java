package org.parley.server.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
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
}
