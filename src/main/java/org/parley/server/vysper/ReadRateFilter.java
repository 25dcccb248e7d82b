package org.parley.server.vysper;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.parley.abuse.TokenBucket;

/**
 * Limits how fast one connection is read, in bytes a second with a burst allowance (a {@link TokenBucket} per
 * connection). Every byte read is passed on at once; when the bucket is in debt, reading pauses until the debt is
 * paid, so a flooding client is slowed by its own TCP window and nothing is dropped or reordered (Prosody's
 * approach). Placed before the decoder; after STARTTLS the TLS filter sits in front, so decrypted bytes are counted.
 */
final class ReadRateFilter extends IoFilterAdapter {

    /** MINA's own initial and maximum read buffer sizes. */
    private static final int MIN_READ = 2048;
    private static final int MAX_READ = 65536;

    private static final AttributeKey METER = new AttributeKey(ReadRateFilter.class, "meter");

    private final long rate;
    private final long burst;
    private final ScheduledExecutorService timer;

    ReadRateFilter(long bytesPerSecond, long burst, ScheduledExecutorService timer) {
        this.rate = bytesPerSecond;
        this.burst = burst;
        this.timer = timer;
    }

    /** The largest single read for {@code bytesPerSecond}: a quarter second's worth, within MINA's bounds. */
    static int maxRead(long bytesPerSecond) {
        return (int) Math.max(MIN_READ, Math.min(MAX_READ, bytesPerSecond / 4));
    }

    /** One connection's bucket and whether reading is paused for it; the I/O thread and the timer share it. */
    private static final class Meter {
        private final TokenBucket bucket;
        private boolean paused;

        private Meter(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (message instanceof IoBuffer buffer) {
            Meter meter = meter(session);
            synchronized (meter) {
                long pause = meter.bucket.take(buffer.remaining(), System.nanoTime());
                // one socket read can arrive as several TLS records: one pause for them all, sized when it ends
                if (pause > 0 && !meter.paused) {
                    meter.paused = true;
                    ReadGate.hold(session, ReadGate.Reason.READ_RATE);
                    timer.schedule(() -> resumeWhenPaid(session, meter), pause, TimeUnit.NANOSECONDS);
                }
            }
        }
        next.messageReceived(session, message);
    }

    /** Resumes reading once the debt is paid; bytes taken during the pause may have added to it. */
    private void resumeWhenPaid(IoSession session, Meter meter) {
        synchronized (meter) {
            long pause = meter.bucket.take(0, System.nanoTime());
            if (pause > 0) {
                timer.schedule(() -> resumeWhenPaid(session, meter), pause, TimeUnit.NANOSECONDS);
                return;
            }
            meter.paused = false;
            ReadGate.release(session, ReadGate.Reason.READ_RATE);
        }
    }

    private Meter meter(IoSession session) {
        Meter meter = (Meter) session.getAttribute(METER);
        if (meter == null) {
            // only the connection's I/O thread creates it
            meter = new Meter(new TokenBucket(rate, burst, System.nanoTime()));
            session.setAttribute(METER, meter);
        }
        return meter;
    }
}
