package org.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReloadableTlsTest {

    private final TlsMaterial a = SelfSignedCertificate.generate("example.org", Clock.systemUTC());
    private final TlsMaterial b = SelfSignedCertificate.generate("example.org", Clock.systemUTC());
    private final AtomicReference<Object> next = new AtomicReference<>();

    /** The source hands out what the test put in {@link #next}: material, or an exception to throw. */
    private ReloadableTls reloadable() throws TlsException {
        return new ReloadableTls(a, () -> {
            Object value = next.get();
            if (value instanceof TlsException e) {
                throw e;
            }
            if (value instanceof RuntimeException e) {
                throw e;
            }
            return (TlsMaterial) value;
        });
    }

    @Test
    void aNewCertificateReplacesTheContextForNewHandshakes() throws Exception {
        ReloadableTls tls = reloadable();
        TlsContextFactory before = tls.get();
        next.set(b);

        assertThat(tls.reload()).isEqualTo(new ReloadableTls.Outcome.Replaced(a.sha256Fingerprint(),
                b.sha256Fingerprint()));
        assertThat(tls.get()).isNotSameAs(before);
        assertThat(tls.material()).isEqualTo(b);
    }

    @Test
    void theSameCertificateKeepsTheContext() throws Exception {
        ReloadableTls tls = reloadable();
        TlsContextFactory before = tls.get();
        next.set(new TlsMaterial(a.key(), a.chain()));

        assertThat(tls.reload()).isEqualTo(new ReloadableTls.Outcome.Unchanged(a.sha256Fingerprint()));
        assertThat(tls.get()).isSameAs(before);
    }

    @Test
    void aFailedLoadKeepsTheCertificateInUse() throws Exception {
        ReloadableTls tls = reloadable();
        TlsContextFactory before = tls.get();
        next.set(new TlsException("private key in k does not match the certificate in c"));

        assertThat(tls.reload()).isEqualTo(new ReloadableTls.Outcome.Failed(a.sha256Fingerprint(),
                "private key in k does not match the certificate in c"));
        assertThat(tls.get()).isSameAs(before);
        assertThat(tls.material()).isEqualTo(a);
    }

    @Test
    void evenAnUnexpectedExceptionKeepsTheCertificateInUse() throws Exception {
        ReloadableTls tls = reloadable();
        next.set(new IllegalStateException("parser bug"));

        assertThat(tls.reload()).isInstanceOf(ReloadableTls.Outcome.Failed.class);
        assertThat(tls.material()).isEqualTo(a);
    }
}
