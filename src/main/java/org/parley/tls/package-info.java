/**
 * The server's TLS identity and policy: loading the certificate chain and private key an operator installed (PEM as
 * certbot writes it, or a PKCS#12 keystore), generating a self-signed pair on first start when there is none, and
 * building the {@link javax.net.ssl.SSLContext} used for STARTTLS (RFC 6120 §5) with TLS 1.2 or newer only, and the
 * channel binding data of a TLS session for SCRAM -PLUS ({@link org.parley.tls.ChannelBindingData}).
 *
 * <p>Nothing here imports Vysper or MINA: the transport glue asks {@link org.parley.tls.TlsContextFactory} for a
 * context, protocols and cipher suites, so the TLS policy can be tested with plain JSSE sockets.
 */
package org.parley.tls;
