package org.parley.server.vysper;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.parley.abuse.UnauthenticatedConnections;

/**
 * Ties {@link UnauthenticatedConnections} to MINA sessions: a connection is counted when it opens and released once,
 * when it authenticates or closes, whichever comes first. The "counted" flag lives in the session, so a connection
 * refused at the door is never released.
 */
final class UnauthenticatedGate {

    private static final AttributeKey COUNTED = new AttributeKey(UnauthenticatedGate.class, "counted");

    private final UnauthenticatedConnections connections;

    UnauthenticatedGate(UnauthenticatedConnections connections) {
        this.connections = connections;
    }

    /** The address a connection was counted under (kept: a closed socket may no longer tell) and whether it still is. */
    private record Counted(String address, AtomicBoolean counted) {}

    /** Counts the new connection; false when it is one too many (then nothing is counted). */
    boolean admit(IoSession io) {
        String address = address(io);
        if (!connections.tryAdmit(address)) {
            return false;
        }
        io.setAttribute(COUNTED, new Counted(address, new AtomicBoolean(true)));
        return true;
    }

    /** The connection authenticated or closed: it no longer counts. Idempotent. */
    void release(IoSession io) {
        Counted counted = (Counted) io.getAttribute(COUNTED);
        if (counted != null && counted.counted().compareAndSet(true, false)) {
            connections.release(counted.address());
        }
    }

    /** The remote IP address as text. */
    static String address(IoSession io) {
        SocketAddress remote = io.getRemoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }
}
