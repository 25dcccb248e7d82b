package org.parley.server.vysper;

import java.time.Instant;
import java.util.List;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.streammgmt.Counter32;
import org.parley.streammgmt.SmLimits;
import org.parley.streammgmt.UnackedQueue;

/**
 * One session's stream management state (XEP-0198): whether it is on, the resumption id, the inbound count
 * {@code h}, the outbound stanzas not yet acknowledged, and whether a connection serves the session now.
 *
 * <p>Not thread-safe on purpose: every method is called with the owning {@link ClientSession}'s monitor held, the
 * same lock as every write, so "counted", "queued", "written" and "attached or detached" change together (ADR 0021).
 */
final class SmState {

    private final SmLimits limits;
    private boolean enabled;
    /** The resumption id; null when the client did not ask for resumption. */
    private String resumeId;
    /** Whether the server ended the stream itself (an error it raised): no resumption then. */
    private boolean resumeRevoked;
    private final UnackedQueue<Stanza> unacked = new UnackedQueue<>();
    /** Inbound stanzas fully processed since {@code <enabled/>}, modulo 2^32. */
    private long handled;
    private int sinceRequest;
    private boolean requestOutstanding;
    private boolean requestTimerSet;
    private boolean detached;
    /** Whether the expiry of the current detachment is armed. */
    private boolean armed;
    /** Changes at every detach and resumption: an expiry armed for an earlier generation does nothing. */
    private long generation;

    SmState(SmLimits limits) {
        this.limits = limits;
    }

    void enable(String resumeId) {
        this.enabled = true;
        this.resumeId = resumeId;
    }

    boolean enabled() {
        return enabled;
    }

    String resumeId() {
        return resumeId;
    }

    boolean resumable() {
        return enabled && resumeId != null && !resumeRevoked;
    }

    /** The server ends this stream on purpose: the session must not wait for a resumption. */
    void revokeResume() {
        resumeRevoked = true;
    }

    boolean counts(Stanza stanza) {
        return enabled && SmElements.counts(stanza);
    }

    /** A stanza is sent (or, detached, kept for the client): it waits for an acknowledgement. */
    void sent(Stanza stanza, Instant now) {
        unacked.add(stanza, now);
        sinceRequest++;
    }

    /** Whether the queue has reached {@code sm.max_unacked}: the session takes no more. */
    boolean full() {
        return enabled && unacked.size() >= limits.maxUnacked();
    }

    /** Whether an {@code <r/>} is due now (enough unacknowledged since the last one); marks it sent if so. */
    boolean requestDue() {
        if (detached || requestOutstanding || sinceRequest < limits.requestAfter()) {
            return false;
        }
        markRequested();
        return true;
    }

    /** Whether a quiet-time {@code <r/>} timer should be armed now; marks it armed if so. */
    boolean armRequestTimer() {
        if (detached || requestOutstanding || requestTimerSet || unacked.isEmpty()) {
            return false;
        }
        requestTimerSet = true;
        return true;
    }

    /** The quiet-time timer fired: whether to send an {@code <r/>} now. */
    boolean requestTimerFired() {
        requestTimerSet = false;
        if (detached || requestOutstanding || unacked.isEmpty()) {
            return false;
        }
        markRequested();
        return true;
    }

    private void markRequested() {
        requestOutstanding = true;
        sinceRequest = 0;
    }

    UnackedQueue.AckResult<Stanza> ack(long h) {
        UnackedQueue.AckResult<Stanza> result = unacked.ack(h);
        if (result instanceof UnackedQueue.Acked<Stanza>) {
            requestOutstanding = false;
        }
        return result;
    }

    void handledOne() {
        handled = Counter32.next(handled);
    }

    long handled() {
        return handled;
    }

    List<UnackedQueue.Entry<Stanza>> pending() {
        return unacked.pending();
    }

    List<UnackedQueue.Entry<Stanza>> drain() {
        return unacked.drain();
    }

    boolean detached() {
        return detached;
    }

    /** The connection is gone: stanzas are kept, not written, until a resumption or the expiry. */
    void detach() {
        if (!detached) {
            detached = true;
            generation++;
        }
    }

    /** Whether the expiry of this detachment is still to be armed; true once per detachment. */
    boolean armExpiry() {
        if (!detached || armed) {
            return false;
        }
        armed = true;
        return true;
    }

    long generation() {
        return generation;
    }

    /** A new connection serves the session again. */
    void attach() {
        detached = false;
        armed = false;
        requestOutstanding = false;
        requestTimerSet = false;
        sinceRequest = unacked.size();
        generation++;
    }
}
