package org.parley.roster;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.parley.xmpp.BareJid;

/**
 * A {@link RosterStore} test double over a real one that counts the reads a cache should save, and can hold one
 * roster load after it has read its data, so that a test can write while a stale result is in flight.
 */
final class CountingRosterStore implements RosterStore {

    private final RosterStore delegate;
    final AtomicInteger rosterReads = new AtomicInteger();
    final AtomicInteger entryReads = new AtomicInteger();
    private volatile Hold hold;

    /** One held load: {@code read} opens once it has its data, it returns once {@code release} opens. */
    record Hold(CountDownLatch read, CountDownLatch release) {

        static Hold one() {
            return new Hold(new CountDownLatch(1), new CountDownLatch(1));
        }

        void awaitRead() throws InterruptedException {
            if (!read.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the held load never read");
            }
        }
    }

    CountingRosterStore(RosterStore delegate) {
        this.delegate = delegate;
    }

    /** Holds the next {@link #roster} call after its read, until {@code hold.release()} opens. */
    void holdNextLoad(Hold next) {
        this.hold = next;
    }

    @Override
    public long generation(BareJid owner) {
        return delegate.generation(owner);
    }

    @Override
    public Roster roster(BareJid owner) {
        rosterReads.incrementAndGet();
        Roster roster = delegate.roster(owner);
        Hold current = hold;
        if (current != null) {
            hold = null;
            current.read().countDown();
            try {
                if (!current.release().await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the held load was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return roster;
    }

    @Override
    public Optional<RosterItem> item(BareJid owner, BareJid contact) {
        entryReads.incrementAndGet();
        return delegate.item(owner, contact);
    }

    @Override
    public Optional<RosterEntry> entry(BareJid owner, BareJid contact) {
        entryReads.incrementAndGet();
        return delegate.entry(owner, contact);
    }

    @Override
    public Optional<RosterChanges> changesSince(BareJid owner, long version) {
        return delegate.changesSince(owner, version);
    }

    @Override
    public long put(BareJid owner, RosterItem item) {
        return delegate.put(owner, item);
    }

    @Override
    public OptionalLong remove(BareJid owner, BareJid contact) {
        return delegate.remove(owner, contact);
    }

    @Override
    public RosterEntry update(BareJid owner, BareJid contact, UnaryOperator<RosterEntry> change) {
        return delegate.update(owner, contact, change);
    }

    @Override
    public Updated updateBoth(BareJid a, BareJid contactOfA, UnaryOperator<RosterEntry> changeA,
            BareJid b, BareJid contactOfB, UnaryOperator<RosterEntry> changeB) {
        return delegate.updateBoth(a, contactOfA, changeA, b, contactOfB, changeB);
    }
}
