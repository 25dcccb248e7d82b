package org.parley.server.vysper;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Turns a client's half-close (TCP FIN, "input closed") into an ordinary message, so that it reaches the handler on
 * the connection's ordered processing thread after every stanza decoded before it. MINA 2.2.4's {@code ExecutorFilter}
 * does not hand {@code inputClosed} (nor {@code event}) to its executor, whatever event types it is given: the
 * handler ran it on the I/O thread, concurrently with the connection's last stanzas, so the unavailable broadcast of
 * a dropped client could run before its last directed presence was recorded (and miss that recipient), and JDBC ran
 * on an I/O thread.
 */
final class InputClosedFilter extends IoFilterAdapter {

    /** The message that stands for "the client will send nothing more". */
    static final Object INPUT_CLOSED = new Object() {
        @Override
        public String toString() {
            return "INPUT_CLOSED";
        }
    };

    @Override
    public void inputClosed(NextFilter next, IoSession session) {
        ClientSession client = ClientIoHandler.clientSession(session);
        if (client != null) {
            client.inputClosed(); // at once: stanzas for it are routed elsewhere rather than written into the void
        }
        next.messageReceived(session, INPUT_CLOSED);
    }
}
