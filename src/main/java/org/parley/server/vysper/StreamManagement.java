package org.parley.server.vysper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.vysper.mina.codec.StanzaWriteInfo;
import org.apache.vysper.xmpp.server.SessionState;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.streammgmt.Counter32;
import org.parley.streammgmt.ResumableSessions;
import org.parley.streammgmt.ResumeIds;
import org.parley.streammgmt.SmFailure;
import org.parley.streammgmt.SmLimits;
import org.parley.streammgmt.UnackedQueue;
import org.parley.routing.vysper.RoutingHooks;
import org.parley.xmpp.vysper.Jids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0198 stream management for the client listeners: answers the client's {@code urn:xmpp:sm:3} elements
 * ({@code <enable/>}, {@code <resume/>}, {@code <r/>}, {@code <a/>}) on the connection's processing thread, keeps the
 * resumable sessions, and runs one timer thread ({@code parley-sm}) for every session's quiet-time {@code <r/>} and
 * resumption window; no thread per session. The expiry of a window ends the session on that thread (its messages
 * go to offline storage there). Threads and locks: docs/adr/0021.
 */
final class StreamManagement {

    private static final Logger LOG = LoggerFactory.getLogger(StreamManagement.class);

    private final SmLimits limits;
    /** Told of each resumption, for the features whose per-resource state a resumed stream resets. */
    private final RoutingHooks hooks;
    private final ResumableSessions<ClientSession> resumable;
    private final ResumeIds ids = new ResumeIds();
    private final ScheduledThreadPoolExecutor timer;
    private volatile boolean accepting = true;

    StreamManagement(SmLimits limits, RoutingHooks hooks) {
        this.limits = limits;
        this.hooks = hooks;
        this.resumable = new ResumableSessions<>(limits.maxResumablePerAccount(), limits.maxResumable());
        this.timer = new ScheduledThreadPoolExecutor(1, C2sEndpoint.named("parley-sm"));
        timer.setRemoveOnCancelPolicy(true);
    }

    SmLimits limits() {
        return limits;
    }

    /** Whether dropped sessions may still wait for a resumption (not once the server is stopping). */
    boolean accepting() {
        return accepting;
    }

    /**
     * Handles one stream management element from the client, on its connection's processing thread.
     *
     * @return false if {@code element} is not one (it is then a stanza for Vysper)
     */
    boolean handle(IoSession io, ClientSession session, Stanza element) {
        if (!SmElements.isSm(element)) {
            return false;
        }
        switch (element.getName()) {
            case "enable" -> enable(session, element);
            case "resume" -> resume(io, session, element);
            case "r" -> session.ifOpen(ClientOutput::answerAckRequest, null);
            case "a" -> acknowledged(session, element);
            default -> LOG.debug("session {}: ignored <{}> of XEP-0198", session.getSessionId(), element.getName());
        }
        return true;
    }

    private void enable(ClientSession session, Stanza enable) {
        if (!limits.enabled()) {
            fail(session, SmFailure.NOT_OFFERED, OptionalLong.empty());
        } else if (session.getState() != SessionState.AUTHENTICATED) {
            fail(session, SmFailure.ENABLE_BEFORE_AUTH, OptionalLong.empty());
        } else if (!bound(session)) {
            fail(session, SmFailure.ENABLE_BEFORE_BIND, OptionalLong.empty());
        } else if (session.locked(out -> out.sm().enabled())) {
            fail(session, SmFailure.ENABLE_TWICE, OptionalLong.empty());
        } else {
            String resume = enable.getAttributeValue("resume");
            boolean resumption = "true".equals(resume) || "1".equals(resume);
            String id = resumption ? ids.next() : null;
            if (id != null) {
                resumable.register(id, account(session), session);
            }
            session.ifOpen(out -> out.enable(id), null);
            LOG.debug("session {}: stream management on{}", session.getSessionId(), id == null ? "" : ", resumable");
        }
    }

    private void resume(IoSession io, ClientSession session, Stanza resume) {
        if (!limits.enabled()) {
            fail(session, SmFailure.NOT_OFFERED, OptionalLong.empty());
            return;
        }
        if (session.getState() != SessionState.AUTHENTICATED) {
            fail(session, SmFailure.RESUME_BEFORE_AUTH, OptionalLong.empty());
            return;
        }
        if (bound(session)) {
            fail(session, SmFailure.RESUME_AFTER_BIND, OptionalLong.empty());
            return;
        }
        OptionalLong h = Counter32.parse(resume.getAttributeValue("h"));
        String previd = resume.getAttributeValue("previd");
        if (h.isEmpty() || previd == null) {
            fail(session, SmFailure.MALFORMED, OptionalLong.empty());
            return;
        }
        String account = account(session);
        Optional<ClientSession> found = ResumeIds.plausible(previd) ? resumable.find(previd, account)
                : Optional.empty();
        Takeover.Resume outcome = found.isPresent() ? found.get().resumeOnto(io, h.getAsLong())
                : new Takeover.Gone();
        if (outcome instanceof Takeover.Gone) {
            LOG.debug("session {}: nothing to resume", session.getSessionId());
            fail(session, SmFailure.RESUME_UNKNOWN, resumable.endedH(previd, account));
        } else if (outcome instanceof Takeover.TooHigh tooHigh) {
            // the waiting session is left as it is: a wrong h on a new stream must not end it
            LOG.info("session {}: resumption with h {} beyond the {} stanzas sent", session.getSessionId(),
                    tooHigh.h(), tooHigh.sent());
            session.write(SmElements.handledCountTooHigh(tooHigh.h(), tooHigh.sent()));
            session.endSession(ClientSession.SessionTerminationCause.STREAM_ERROR);
        } else if (outcome instanceof Takeover.Resumed resumed) {
            ClientSession old = found.get();
            // from here this connection's events go to the resumed session; the temporary one was never bound
            ClientIoHandler.serve(io, old);
            session.retire();
            resumable.attached(previd);
            LOG.debug("session {} resumed on connection {} (was session {})", old.getSessionId(), io.getId(),
                    session.getSessionId());
            IoSession previous = resumed.previous();
            ClientIoHandler.forget(previous);
            if (previous.isConnected()) {
                // XEP-0198 §5: the stream still open for the resumed session gets a conflict error and is closed
                previous.write(new StanzaWriteInfo(StreamErrors.of(
                        org.apache.vysper.xmpp.protocol.StreamErrorCondition.CONFLICT,
                        "the session was resumed on another connection"), false));
                previous.write(IoBuffer.wrap(ClientOutput.STREAM_CLOSE));
                previous.closeOnFlush();
            }
            String resource = old.getServerRuntimeContext().getResourceRegistry().getUniqueResourceForSession(old);
            if (resource != null) {
                hooks.resumed(Jids.bare(old.getInitiatingEntity()), resource);
            }
        }
    }

    private static void acknowledged(ClientSession session, Stanza a) {
        OptionalLong h = Counter32.parse(a.getAttributeValue("h"));
        if (h.isEmpty()) {
            LOG.debug("session {}: <a/> without a valid h", session.getSessionId());
            session.streamError(org.apache.vysper.xmpp.protocol.StreamErrorCondition.INVALID_XML,
                    "an <a/> needs an h between 0 and 4294967295");
            return;
        }
        Optional<UnackedQueue.TooHigh<Stanza>> tooHigh = session.locked(out -> out.acknowledged(h.getAsLong()));
        if (tooHigh.isPresent()) {
            LOG.info("session {}: client acknowledged {} stanzas, {} were sent", session.getSessionId(),
                    tooHigh.get().h(), tooHigh.get().sent());
            session.smStreamError(SmElements.handledCountTooHigh(tooHigh.get().h(), tooHigh.get().sent()));
        }
    }

    private static void fail(ClientSession session, SmFailure failure, OptionalLong h) {
        LOG.debug("session {}: XEP-0198 <failed/>: {}", session.getSessionId(), failure);
        session.write(SmElements.failed(failure, h));
    }

    private static boolean bound(ClientSession session) {
        return session.getServerRuntimeContext().getResourceRegistry().getUniqueResourceForSession(session) != null;
    }

    private static String account(ClientSession session) {
        return session.getInitiatingEntity().getBareJID().getFullQualifiedName();
    }

    /** Arms the quiet-time {@code <r/>} of {@code session}. */
    void requestLater(ClientSession session) {
        schedule(() -> session.ifOpen(ClientOutput::requestTimerFired, null), limits.requestDelay().toMillis());
    }

    /**
     * {@code session}'s connection dropped and it now waits (processing thread of the dropped connection): it is
     * marked detached, the bounds may end older waiting sessions, and its window is armed.
     */
    void detached(ClientSession session) {
        String id = session.resumeId();
        long generation = session.locked(out -> out.sm().generation());
        List<ClientSession> evicted = resumable.detached(id, Instant.now());
        if (!session.detachedIn(generation)) {
            // resumed on another thread since connectionLost: the table must not keep it as waiting (ADR 0021)
            resumable.attached(id);
        }
        LOG.debug("session {} detached, resumable for {} s", session.getSessionId(), limits.resumeSeconds());
        schedule(() -> expire(session, generation), limits.resumeTimeout().toMillis());
        for (ClientSession old : evicted) {
            LOG.info("session {} ends: more detached sessions than sm.max_resumable(_per_account)",
                    old.getSessionId());
            schedule(() -> expire(old, ClientSession.ANY_DETACHMENT), 0);
        }
    }

    /** A session ended for good: it can no longer be resumed; its {@code h} is remembered for a late resume. */
    void ended(ClientSession session) {
        String id = session.resumeId();
        if (id != null) {
            resumable.ended(id, account(session), session.locked(out -> out.sm().handled()));
        }
    }

    private void expire(ClientSession session, long generation) {
        try {
            session.expire(generation);
        } catch (RuntimeException e) {
            LOG.error("session {}: ending it after its resumption window failed", session.getSessionId(), e);
        }
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("stream management timer stopped; task dropped");
        }
    }

    /**
     * Server shutdown, after the connected sessions were ended: no more waiting; every detached session ends now, on
     * the caller's thread, and its messages go to offline storage. Then the timer stops.
     */
    void shutdown() {
        accepting = false;
        timer.shutdownNow();
        for (ClientSession session : resumable.takeDetached()) {
            expire(session, ClientSession.ANY_DETACHMENT);
        }
    }
}
