package org.parley.abuse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed-authentication bookkeeping per remote address and per account: after {@code delayAfter} failures each
 * further failure is answered late (exponential back-off), after {@code lockoutAfter} every attempt is refused for
 * {@code lockout}, without a password check. A record is forgotten {@code lockout} after its last failure; a
 * successful authentication clears the account's record.
 *
 * <p>The address's record is <em>not</em> cleared by a success: whoever holds one valid account could otherwise
 * clear it between guesses at other accounts' passwords. Memory is bounded: past {@code maxEntries} records the one
 * least recently failed is dropped. Thread-safe; time comes from the injected clock.
 */
public final class AuthThrottle {

    /** Longest back-off, whatever the count: an answer later than this only ties up the client. */
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    /**
     * When to slow down and when to lock out.
     *
     * @param delayAfter failures after which every failure is answered late
     * @param delay the first back-off; each further failure doubles it, up to {@link #MAX_DELAY}
     * @param lockoutAfter failures after which attempts are refused outright
     * @param lockout how long they are refused, counted from the last failure
     * @param maxEntries records kept at most
     */
    public record Policy(int delayAfter, Duration delay, int lockoutAfter, Duration lockout, int maxEntries) {

        public Policy {
            if (delayAfter < 1 || lockoutAfter < 1 || maxEntries < 1 || delay.isNegative() || lockout.isNegative()) {
                throw new IllegalArgumentException("invalid throttle policy");
            }
        }
    }

    private static final class Failures {
        private int count;
        private Instant last;
    }

    private final Policy policy;
    private final Clock clock;
    /** In order of last failure (access order), so the eldest is the one to drop. */
    private final Map<String, Failures> records = new LinkedHashMap<>(16, 0.75f, true);

    public AuthThrottle(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Whether {@code address} or {@code user} (null when the client named no valid account) is locked out now, and
     * for how much longer; checked before a password is verified.
     */
    public synchronized Optional<Duration> lockedFor(String address, String user) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(address, user)) {
            Failures failures = current(key, now);
            if (failures != null && failures.count >= policy.lockoutAfter()) {
                Duration left = Duration.between(now, failures.last.plus(policy.lockout()));
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** Records a failure; returns how long to wait before answering it (zero below {@code delayAfter}). */
    public synchronized Duration failed(String address, String user) {
        Instant now = clock.instant();
        int worst = 0;
        for (String key : keys(address, user)) {
            Failures failures = current(key, now);
            if (failures == null) {
                failures = new Failures();
                records.put(key, failures);
            }
            failures.count++;
            failures.last = now;
            worst = Math.max(worst, failures.count);
        }
        trim();
        return delayFor(worst);
    }

    /** A successful authentication of {@code user}: its record is cleared (see the class comment for the address). */
    public synchronized void succeeded(String user) {
        records.remove(userKey(user));
    }

    /** Records held now. */
    public synchronized int size() {
        return records.size();
    }

    private Duration delayFor(int failures) {
        if (failures < policy.delayAfter()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - policy.delayAfter(), 20);
        Duration delay = policy.delay().multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** The record for {@code key}, or null when there is none or it has expired (then it is dropped). */
    private Failures current(String key, Instant now) {
        Failures failures = records.get(key);
        if (failures != null && !now.isBefore(failures.last.plus(policy.lockout()))) {
            records.remove(key);
            return null;
        }
        return failures;
    }

    private void trim() {
        var eldest = records.keySet().iterator();
        while (records.size() > policy.maxEntries() && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private static String[] keys(String address, String user) {
        return user == null ? new String[] {"address " + address} : new String[] {"address " + address, userKey(user)};
    }

    private static String userKey(String user) {
        return "account " + user;
    }
}
