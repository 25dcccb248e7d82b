package org.parley.account;

import java.time.Instant;
import java.util.Objects;
import org.parley.xmpp.BareJid;

/**
 * What is stored about a local account: its address and a SCRAM verifier per supported hash. Never a password.
 *
 * @param jid the account's canonical bare JID
 * @param sha1 the SCRAM-SHA-1 verifier; its hash must be {@link ScramHash#SHA_1}
 * @param sha256 the SCRAM-SHA-256 verifier; its hash must be {@link ScramHash#SHA_256}
 * @param createdAt when the account was registered
 */
public record AccountCredentials(BareJid jid, ScramCredentials sha1, ScramCredentials sha256, Instant createdAt) {

    public AccountCredentials {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(sha1, "sha1").requireHash(ScramHash.SHA_1);
        Objects.requireNonNull(sha256, "sha256").requireHash(ScramHash.SHA_256);
    }

    /** The verifier for {@code hash}. */
    public ScramCredentials forHash(ScramHash hash) {
        return switch (Objects.requireNonNull(hash, "hash")) {
            case SHA_1 -> sha1;
            case SHA_256 -> sha256;
        };
    }

    /** The same account with new verifiers, as after a password change. */
    public AccountCredentials withCredentials(ScramCredentials newSha1, ScramCredentials newSha256) {
        return new AccountCredentials(jid, newSha1, newSha256, createdAt);
    }
}
