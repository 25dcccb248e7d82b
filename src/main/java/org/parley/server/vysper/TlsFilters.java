package org.parley.server.vysper;

import java.net.InetSocketAddress;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;
import org.parley.tls.TlsContextFactory;

/**
 * Puts TLS in front of one client connection, for STARTTLS (RFC 6120 §5) or for direct TLS (XEP-0368), with the TLS
 * context that is current at that moment: after a certificate reload new connections get the new certificate, while
 * connections already encrypted keep the engine they have.
 */
final class TlsFilters {

    /** The ALPN protocol of a direct TLS client stream (XEP-0368 §3, IANA ALPN registry). */
    static final String ALPN_XMPP_CLIENT = "xmpp-client";

    private final Supplier<TlsContextFactory> tls;

    TlsFilters(Supplier<TlsContextFactory> tls) {
        this.tls = tls;
    }

    /**
     * Adds MINA's {@link SslFilter} first in the chain (server mode, Parley's protocols and cipher suites) and
     * {@link TlsSerialFilter} below it, which takes {@code writeLock}. With {@code directTls} the engine offers ALPN
     * {@code xmpp-client} only.
     */
    void install(IoSession io, ClientSession writeLock, boolean directTls) {
        TlsContextFactory context = tls.get();
        SslFilter filter = new ServerSslFilter(context.sslContext(), directTls);
        filter.setEnabledProtocols(context.enabledProtocols());
        filter.setEnabledCipherSuites(context.enabledCipherSuites());
        io.getFilterChain().addFirst("tls", filter);
        // below the TLS filter: its acknowledgements and reads take the session lock too (see TlsSerialFilter)
        io.getFilterChain().addFirst("tls-serial", new TlsSerialFilter(writeLock));
    }

    /** MINA's filter with the engine Parley needs. */
    private static final class ServerSslFilter extends SslFilter {
        private final boolean alpn;

        ServerSslFilter(SSLContext context, boolean alpn) {
            super(context);
            this.alpn = alpn;
        }

        @Override
        protected SSLEngine createEngine(IoSession session, InetSocketAddress address) {
            // Without the peer address: MINA would resolve its host name (a reverse DNS lookup, possibly on the I/O
            // thread), which only a client-side engine needs, for session resumption.
            SSLEngine engine = super.createEngine(session, null);
            if (alpn) {
                // XEP-0368 §3: "When ALPN is used, the ALPN protocol MUST be 'xmpp-client'". With this list JSSE
                // refuses a client that offers ALPN without it (no_application_protocol alert, RFC 7301 §3.2) and
                // accepts a client that offers no ALPN at all. SNI needs nothing: any server name is accepted.
                SSLParameters parameters = engine.getSSLParameters();
                parameters.setApplicationProtocols(new String[] {ALPN_XMPP_CLIENT});
                engine.setSSLParameters(parameters);
            }
            return engine;
        }
    }
}
