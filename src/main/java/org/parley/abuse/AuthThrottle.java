package org.parley.abuse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed-authentication bookkeeping (ADR 0019): failures are counted per remote address, per (account, address)
 * pair and per account, and successful logins are remembered per (account, address) pair. It slows and locks out the
 * <em>source</em> of the guesses, never the account as such, so a stranger cannot lock the owner out:
 *
 * <ul>
 *   <li>After {@code delayAfter} failures of the address, or of the account from all addresses, each further failure
 *       is answered late (exponential back-off, at most {@link #MAX_DELAY}). A delay only ever holds up a failure.
 *   <li>After {@code lockoutAfter} failures of an address, every attempt from it is refused without a password check,
 *       except at an account that logged in successfully from that address before (a "known" pair): another user
 *       behind the same NAT guessing other accounts does not lock the owner out.
 *   <li>After {@code lockoutAfter} failures of one (account, address) pair, that account is refused from that
 *       address, known or not.
 *   <li>After {@code accountLockoutAfter} failures of one account from all addresses together (guessing spread over
 *       many addresses), that account is refused from every address that has itself failed for it, unless the pair is
 *       known. An address without a failure for the account still gets its attempt, so the owner can log in from a
 *       fresh address, and a guesser gets one guess per address.
 * </ul>
 *
 * <p>A failure record is forgotten {@code lockout} after its last failure. A success clears its pair's record and
 * makes the pair known for {@code trust}; it clears neither the address's record (one valid account must not clear
 * the way for guessing others) nor the account's (the owner's own logins must not reset the defence against a
 * distributed attack on it). Memory is bounded: past {@code maxEntries} failure records, or known pairs, the least
 * recently used is dropped. Thread-safe; time comes from the injected clock.
 */
public final class AuthThrottle {

    /** Longest back-off, whatever the count: an answer later than this only ties up the client. */
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    /**
     * When to slow down and when to lock out.
     *
     * @param delayAfter failures (of an address, or of an account) after which every failure is answered late
     * @param delay the first back-off; each further failure doubles it, up to {@link #MAX_DELAY}
     * @param lockoutAfter failures of an address, or of an (account, address) pair, after which it is refused
     * @param lockout how long they are refused, counted from the last failure
     * @param accountLockoutAfter failures of an account from all addresses after which it is refused from the
     *     addresses that failed for it
     * @param trust how long a successful login keeps its (account, address) pair known
     * @param maxEntries failure records kept at most, and known pairs kept at most
     */
    public record Policy(int delayAfter, Duration delay, int lockoutAfter, Duration lockout, int accountLockoutAfter,
            Duration trust, int maxEntries) {

        public Policy {
            if (delayAfter < 1 || lockoutAfter < 1 || accountLockoutAfter < 1 || maxEntries < 1 || delay.isNegative()
                    || lockout.isNegative() || trust.isNegative()) {
                throw new IllegalArgumentException("invalid throttle policy");
            }
        }
    }

    private enum Kind { ADDRESS, PAIR, ACCOUNT }

    /** What a record counts: {@code user} is null for an address, {@code address} null for an account. */
    private record Key(Kind kind, String address, String user) {}

    private static final class Failures {
        private int count;
        private Instant last;
    }

    private final Policy policy;
    private final Clock clock;
    /** In order of last failure (access order), so the eldest is the one to drop. */
    private final Map<Key, Failures> records = new LinkedHashMap<>(16, 0.75f, true);
    /** Known (account, address) pairs with the time of their last successful login, least recently used first. */
    private final Map<Key, Instant> known = new LinkedHashMap<>(16, 0.75f, true);

    public AuthThrottle(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Whether {@code user} (null when the client named no valid account) is refused from {@code address} now, and for
     * how much longer; checked before a password is verified.
     */
    public synchronized Optional<Duration> lockedFor(String address, String user) {
        Instant now = clock.instant();
        boolean knownPair = user != null && isKnown(pair(address, user), now);
        Duration longest = Duration.ZERO;
        if (!knownPair) {
            longest = longer(longest, lockLeft(address(address), policy.lockoutAfter(), now));
        }
        if (user != null) {
            Failures fromHere = current(pair(address, user), now);
            longest = longer(longest, lockLeft(pair(address, user), policy.lockoutAfter(), now));
            if (!knownPair && fromHere != null) {
                longest = longer(longest, lockLeft(account(user), policy.accountLockoutAfter(), now));
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** Records a failure; returns how long to wait before answering it (zero below {@code delayAfter}). */
    public synchronized Duration failed(String address, String user) {
        Instant now = clock.instant();
        int worst = count(address(address), now);
        if (user != null) {
            count(pair(address, user), now);
            worst = Math.max(worst, count(account(user), now));
        }
        trim(records);
        return delayFor(worst);
    }

    /** A successful login of {@code user} from {@code address}: the pair's failures are cleared and it is known. */
    public synchronized void succeeded(String address, String user) {
        Key pair = pair(address, user);
        records.remove(pair);
        known.put(pair, clock.instant());
        trim(known);
    }

    /** Failure records held now. */
    public synchronized int size() {
        return records.size();
    }

    /** Known pairs held now. */
    public synchronized int knownPairs() {
        return known.size();
    }

    private int count(Key key, Instant now) {
        Failures failures = current(key, now);
        if (failures == null) {
            failures = new Failures();
            records.put(key, failures);
        }
        failures.count++;
        failures.last = now;
        return failures.count;
    }

    private Duration delayFor(int failures) {
        if (failures < policy.delayAfter()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - policy.delayAfter(), 20);
        Duration delay = policy.delay().multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** How long {@code key} stays locked, zero when it has fewer than {@code threshold} failures. */
    private Duration lockLeft(Key key, int threshold, Instant now) {
        Failures failures = current(key, now);
        if (failures == null || failures.count < threshold) {
            return Duration.ZERO;
        }
        return Duration.between(now, failures.last.plus(policy.lockout()));
    }

    /** The record for {@code key}, or null when there is none or it has expired (then it is dropped). */
    private Failures current(Key key, Instant now) {
        Failures failures = records.get(key);
        if (failures != null && !now.isBefore(failures.last.plus(policy.lockout()))) {
            records.remove(key);
            return null;
        }
        return failures;
    }

    private boolean isKnown(Key pair, Instant now) {
        Instant lastSuccess = known.get(pair);
        if (lastSuccess != null && !now.isBefore(lastSuccess.plus(policy.trust()))) {
            known.remove(pair);
            return false;
        }
        return lastSuccess != null;
    }

    private void trim(Map<Key, ?> map) {
        var eldest = map.keySet().iterator();
        while (map.size() > policy.maxEntries() && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private static Duration longer(Duration a, Duration b) {
        return b.compareTo(a) > 0 ? b : a;
    }

    private static Key address(String address) {
        return new Key(Kind.ADDRESS, address, null);
    }

    private static Key pair(String address, String user) {
        return new Key(Kind.PAIR, address, user);
    }

    private static Key account(String user) {
        return new Key(Kind.ACCOUNT, null, user);
    }
}
