package org.parley.server.vysper;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Bounds the stanzas one connection may have waiting for its processing thread. Placed between the decoder and the
 * executor: when a connection has {@code limit} decoded stanzas queued, reading from its socket is suspended (the
 * sender's TCP window fills, the sender slows down, as Prosody does); it resumes once half have been processed. So a
 * fast or hostile client costs bounded memory, and no data is dropped.
 */
final class BackPressureFilter extends IoFilterAdapter {

    private static final AttributeKey QUEUED = new AttributeKey(BackPressureFilter.class, "queued");

    private final int limit;

    BackPressureFilter(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be at least 2, was " + limit);
        }
        this.limit = limit;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (counter(session).incrementAndGet() >= limit) {
            session.suspendRead();
        }
        next.messageReceived(session, message);
    }

    /** Called by the handler on the processing thread after one decoded message was handled. */
    void processed(IoSession session) {
        if (counter(session).decrementAndGet() == limit / 2) {
            session.resumeRead();
        }
    }

    private static AtomicInteger counter(IoSession session) {
        AtomicInteger counter = (AtomicInteger) session.getAttribute(QUEUED);
        if (counter == null) {
            AtomicInteger fresh = new AtomicInteger();
            counter = (AtomicInteger) session.setAttributeIfAbsent(QUEUED, fresh);
            if (counter == null) {
                counter = fresh;
            }
        }
        return counter;
    }
}
