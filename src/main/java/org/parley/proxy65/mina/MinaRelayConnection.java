package org.parley.proxy65.mina;

import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IoSession;
import org.parley.proxy65.RelayConnection;

/** A proxy connection as activation sees it: a MINA session that, once told its peer, relays to it. */
final class MinaRelayConnection implements RelayConnection {

    private static final String PEER = "parley.proxy65.peer";

    private final IoSession session;

    MinaRelayConnection(IoSession session) {
        this.session = session;
    }

    @Override
    public void relayTo(RelayConnection peer) {
        Socks5Handler.activated(session);
        session.setAttribute(PEER, ((MinaRelayConnection) peer).session);
        resumeRead(session);
    }

    void closeOnFlush() {
        session.closeOnFlush();
    }

    /** The session this one relays to, or null before activation. */
    static IoSession peer(IoSession session) {
        return (IoSession) session.getAttribute(PEER);
    }

    /**
     * Resumes reading from any thread, promptly: off the session's I/O thread, MINA only changes the interest set and
     * the I/O thread notices at its next wake-up, up to a second later. A flush request is MINA's public way to wake
     * it; with nothing queued it writes nothing. (The c2s transport does the same, in {@code ReadResumer}.)
     */
    static void resumeRead(IoSession session) {
        session.resumeRead();
        if (session instanceof AbstractIoSession io) {
            @SuppressWarnings("unchecked")
            var processor = (org.apache.mina.core.service.IoProcessor<AbstractIoSession>) io.getProcessor();
            processor.flush(io);
        }
    }
}
