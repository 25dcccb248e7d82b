package org.parley.server.vysper;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;

/**
 * Sits between the socket and MINA 2.2's {@code SslFilter} and lets that filter's inbound events (data received,
 * writes acknowledged) in only while holding the connection's {@link ClientSession} lock, the lock every writer
 * already holds.
 *
 * <p>Why: MINA 2.2.4's {@code SSLHandlerG1} encrypts under its own lock but hands the encrypted records on in
 * {@code forward_writes()} outside it (its synchronisation is commented out), both from the writing thread and
 * from the I/O thread when a write is acknowledged. Two threads could then pass records on in the wrong order,
 * and a recipient under load got corrupt XML (measured: Smack "Tag mismatch" after ~15,000 of 20,000 messages,
 * once in a CI run on a busy machine). With this filter, one connection's TLS output is produced by one thread at
 * a time.
 */
final class TlsSerialFilter extends IoFilterAdapter {

    private final Object writeLock;

    TlsSerialFilter(ClientSession writeLock) {
        this.writeLock = writeLock;
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        synchronized (writeLock) {
            next.messageSent(session, request);
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        synchronized (writeLock) {
            next.messageReceived(session, message);
        }
    }
}
