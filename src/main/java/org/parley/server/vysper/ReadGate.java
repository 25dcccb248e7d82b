package org.parley.server.vysper;

import java.util.EnumSet;
import java.util.Set;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Who is holding a connection's reading paused. Several parts pause reading for their own reasons and at their own
 * times (back-pressure, the read rate limit, STARTTLS, an authentication back-off); MINA has a single suspended flag,
 * so one part's resume would otherwise undo another's pause. Reading is suspended while any reason holds it and
 * resumes (promptly, see {@link ReadResumer}) when the last one lets go.
 */
final class ReadGate {

    /** Why reading is paused. */
    enum Reason { BACK_PRESSURE, READ_RATE, STARTTLS, AUTH_BACKOFF }

    private static final AttributeKey HOLDERS = new AttributeKey(ReadGate.class, "holders");

    private ReadGate() {}

    /** Pauses reading for {@code reason}; nothing happens if it holds it already. */
    static void hold(IoSession io, Reason reason) {
        Set<Reason> holders = holders(io);
        synchronized (holders) {
            if (holders.add(reason) && holders.size() == 1) {
                io.suspendRead();
            }
        }
    }

    /** Lets go for {@code reason}; reading resumes if no other reason holds it. */
    static void release(IoSession io, Reason reason) {
        Set<Reason> holders = holders(io);
        synchronized (holders) {
            if (holders.remove(reason) && holders.isEmpty()) {
                ReadResumer.resume(io);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Reason> holders(IoSession io) {
        Set<Reason> holders = (Set<Reason>) io.getAttribute(HOLDERS);
        if (holders == null) {
            Set<Reason> fresh = EnumSet.noneOf(Reason.class);
            holders = (Set<Reason>) io.setAttributeIfAbsent(HOLDERS, fresh);
            if (holders == null) {
                holders = fresh;
            }
        }
        return holders;
    }
}
