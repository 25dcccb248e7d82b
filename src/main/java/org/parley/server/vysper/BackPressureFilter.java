package org.parley.server.vysper;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Bounds the stanzas one connection may have waiting for its processing thread. Placed between the decoder and the
 * executor: when a connection has {@code limit} decoded stanzas queued, reading from its socket is suspended (the
 * sender's TCP window fills, the sender slows down, as Prosody does); it resumes once half have been processed. So a
 * fast or hostile client costs bounded memory, and no data is dropped.
 *
 * <p>The count and the suspended flag change together under the connection's {@link Gauge} lock: the I/O thread
 * counts up and the processing thread counts down, and deciding on the count alone could resume before the matching
 * suspend and leave the connection paused for good.
 */
final class BackPressureFilter extends IoFilterAdapter {

    private static final AttributeKey GAUGE = new AttributeKey(BackPressureFilter.class, "gauge");

    private final int limit;

    BackPressureFilter(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be at least 2, was " + limit);
        }
        this.limit = limit;
    }

    /** One connection's queued count and whether its reading is suspended. */
    private static final class Gauge {
        private int queued;
        private boolean suspended;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        Gauge gauge = gauge(session);
        synchronized (gauge) {
            gauge.queued++;
            if (!gauge.suspended && gauge.queued >= limit) {
                gauge.suspended = true;
                ReadGate.hold(session, ReadGate.Reason.BACK_PRESSURE);
            }
        }
        next.messageReceived(session, message);
    }

    /** Called by the handler on the processing thread after one decoded message was handled. */
    void processed(IoSession session) {
        Gauge gauge = gauge(session);
        synchronized (gauge) {
            gauge.queued--;
            if (gauge.suspended && gauge.queued <= limit / 2) {
                gauge.suspended = false;
                ReadGate.release(session, ReadGate.Reason.BACK_PRESSURE);
            }
        }
    }

    private static Gauge gauge(IoSession session) {
        Gauge gauge = (Gauge) session.getAttribute(GAUGE);
        if (gauge == null) {
            Gauge fresh = new Gauge();
            gauge = (Gauge) session.setAttributeIfAbsent(GAUGE, fresh);
            if (gauge == null) {
                gauge = fresh;
            }
        }
        return gauge;
    }
}
