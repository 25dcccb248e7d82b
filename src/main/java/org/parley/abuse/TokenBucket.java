package org.parley.abuse;

/**
 * A token bucket over bytes: {@code rate} tokens a second, at most {@code burst} saved up. Data already read is
 * always taken, so the bucket may go into debt; the answer is how long the reader should pause for the debt to be
 * paid. Nothing is ever refused or dropped, the sender is slowed (as Prosody's {@code limits} module does). Time is
 * passed in (nanoseconds, monotonic). Not thread-safe: one connection's reads come from one thread.
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long rate;
    private final long burst;
    private double tokens;
    private long last;

    /** A full bucket at time {@code now}. */
    public TokenBucket(long rate, long burst, long now) {
        if (rate < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes {@code bytes} at time {@code now}; returns the nanoseconds to pause reading, 0 when there is no debt. */
    public long take(long bytes, long now) {
        refill(now);
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / rate);
    }

    private void refill(long now) {
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + (double) elapsed * rate / NANOS_PER_SECOND);
            last = now;
        }
    }
}
