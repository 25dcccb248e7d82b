package org.parley.server.vysper;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.session.IoSession;
import org.apache.vysper.xmpp.authorization.AuthorizationResponses;
import org.apache.vysper.xmpp.modules.core.sasl.SASLFailureType;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.abuse.AuthThrottle;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.SaslThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SaslThrottle} over an {@link AuthThrottle}, keyed by the connection's IP address and the account
 * (ADR 0019). A delayed failure is written by a timer, with reading from the connection paused until then: no
 * processing thread sleeps, so hostile clients cannot tie up the pool, and the client's next attempt is not read
 * before the answer to this one. (A client that pipelined its next {@code <auth>} before the answer may get the two
 * answers in the other order; only a client that ignores RFC 6120 §6.4 can.)
 */
public final class SaslBackoff implements SaslThrottle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SaslBackoff.class);
    private static final AuthorizationResponses RESPONSES = new AuthorizationResponses();

    private final AuthThrottle throttle;
    private final ScheduledThreadPoolExecutor timer;

    public SaslBackoff(AuthThrottle throttle) {
        this.throttle = throttle;
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "parley-auth-backoff");
            thread.setDaemon(true);
            return thread;
        });
        // no thread until the first delayed answer, none after a minute without one
        timer.setKeepAliveTime(60, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Stanza check(SessionContext session, BareJid user) {
        String address = address(session);
        Optional<Duration> locked = throttle.lockedFor(address, name(user));
        if (locked.isEmpty()) {
            return null;
        }
        LOG.warn("authentication from {} as {} refused without a check: too many failures, locked for {} s more",
                address, user, locked.get().toSeconds());
        return RESPONSES.getFailure(SASLFailureType.TEMPORARY_AUTH_FAILURE);
    }

    @Override
    public Stanza failed(SessionContext session, BareJid user, Stanza failure) {
        String address = address(session);
        Duration delay = throttle.failed(address, name(user));
        if (delay.isZero()) {
            return failure;
        }
        LOG.warn("repeated authentication failures from {} as {}: answering after {} ms", address, user,
                delay.toMillis());
        if (!(session instanceof ClientSession client)) {
            return failure;
        }
        IoSession io = client.io();
        ReadGate.hold(io, ReadGate.Reason.AUTH_BACKOFF);
        timer.schedule(() -> {
            client.write(failure);
            ReadGate.release(io, ReadGate.Reason.AUTH_BACKOFF);
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return null;
    }

    @Override
    public void succeeded(SessionContext session, BareJid user) {
        if (user != null) {
            throttle.succeeded(address(session), name(user));
        }
    }

    /** Stops the timer; answers still waiting are not sent (their connections are being closed anyway). */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static String name(BareJid user) {
        return user == null ? null : user.local() + "@" + user.domain();
    }

    private static String address(SessionContext session) {
        return session instanceof ClientSession client ? UnauthenticatedGate.address(client.io()) : "unknown";
    }
}
