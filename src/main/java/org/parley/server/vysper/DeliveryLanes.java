package org.parley.server.vysper;

import org.parley.xmpp.BareJid;
import org.parley.xmpp.UserLanes;

/**
 * The delivery lanes: one ordered, bounded queue per recipient (hashed onto a fixed set of threads), as
 * {@link UserLanes} for the features. Created by the composition root before the modules that deliver, handed to
 * {@link VysperRuntime}, which stops it after the listener (ADR 0006).
 */
public final class DeliveryLanes implements UserLanes, AutoCloseable {

    private static final long LANE_WAIT_MILLIS = 5_000;

    private final StripedExecutor lanes;

    /**
     * Starts {@code threads} lanes of {@code capacity} queued tasks each; a task waits at most 5 s for room in a
     * full lane when queued from another lane (deadlock avoidance), indefinitely otherwise.
     */
    public DeliveryLanes(int threads, int capacity) {
        this.lanes = new StripedExecutor("parley-deliver", threads, capacity, LANE_WAIT_MILLIS);
    }

    @Override
    public void execute(BareJid user, Runnable task) {
        lanes.execute(user, task); // a record: equal JIDs hash alike, no string built per delivery
    }

    /**
     * Stops the lanes at once; for a startup that failed before {@link VysperRuntime} took them over. Stopping them
     * again later does no harm.
     */
    @Override
    public void close() {
        lanes.shutdown(0);
    }

    /** Stops the lanes, letting queued deliveries finish for up to {@code graceMillis}. */
    void shutdown(long graceMillis) {
        lanes.shutdown(graceMillis);
    }
}
