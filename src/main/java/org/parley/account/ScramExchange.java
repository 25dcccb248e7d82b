package org.parley.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.parley.account.ScramMessages.ClientFinal;
import org.parley.account.ScramMessages.ClientFirst;
import org.parley.account.ScramMessages.ScramException;
import org.parley.xmpp.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SCRAM authentication, server side (RFC 5802 §5): client-first → server-first → client-final →
 * server-final. Every way out but a verified proof is a {@link SaslStep.Failure}.
 */
final class ScramExchange implements SaslExchange {

    private static final Logger LOG = LoggerFactory.getLogger(ScramExchange.class);

    private enum State { AWAIT_CLIENT_FIRST, AWAIT_CLIENT_FINAL, DONE }

    private final ScramServer server;
    private final ScramHash hash;
    private final boolean plus;
    private final ChannelBindings bindings;
    private State state = State.AWAIT_CLIENT_FIRST;
    private boolean emptyChallengeSent;
    private BareJid user;
    private ScramServer.Credentials credentials;
    private byte[] expectedChannelBinding;
    private String nonce;
    private String clientFirstBare;
    private String serverFirst;

    ScramExchange(ScramServer server, ScramHash hash, boolean plus, ChannelBindings bindings) {
        this.server = server;
        this.hash = hash;
        this.plus = plus;
        this.bindings = bindings;
    }

    @Override
    public SaslStep respond(byte[] data) {
        try {
            return switch (state) {
                case AWAIT_CLIENT_FIRST -> clientFirst(data);
                case AWAIT_CLIENT_FINAL -> clientFinal(data);
                case DONE -> throw new ScramException(SaslFailure.MALFORMED_REQUEST, "exchange is over");
            };
        } catch (ScramException e) {
            // the reason only: never the client's data, which may carry a proof an attacker could replay offline
            LOG.debug("{} exchange failed: {}", hash.mechanism(), e.getMessage());
            state = State.DONE;
            return new SaslStep.Failure(e.failure());
        }
    }

    private SaslStep clientFirst(byte[] data) throws ScramException {
        if (data.length == 0 && !emptyChallengeSent) {
            // RFC 6120 §6.4.2: <auth/> without initial response; SCRAM is client-first, so ask with an empty challenge
            emptyChallengeSent = true;
            return new SaslStep.Challenge(new byte[0]);
        }
        ClientFirst first = ScramMessages.clientFirst(data);
        byte[] cbData = channelBindingData(first);
        user = resolveUser(first.username());
        if (first.authzid().isPresent() && !isSelf(first.authzid().get())) {
            throw new ScramException(SaslFailure.INVALID_AUTHZID, "authzid is another user");
        }
        credentials = server.credentials(user, hash);
        expectedChannelBinding = concat(first.gs2Header().getBytes(StandardCharsets.UTF_8), cbData);
        nonce = first.clientNonce() + server.nextServerNonce();
        clientFirstBare = first.bare();
        ScramCredentials scram = credentials.scram();
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(scram.salt())
                + ",i=" + scram.iterations();
        state = State.AWAIT_CLIENT_FINAL;
        return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * RFC 5802 §6: the gs2-cbind-flag against what this mechanism and connection offer. Returns the channel binding
     * data the client must have used (empty without channel binding).
     */
    private byte[] channelBindingData(ClientFirst first) throws ScramException {
        if (plus) {
            if (first.cbFlag() != 'p') {
                throw new ScramException(SaslFailure.MALFORMED_REQUEST, "-PLUS without channel binding");
            }
            Optional<byte[]> data = bindings.data(first.cbName());
            if (data.isEmpty()) {
                throw new ScramException(SaslFailure.NOT_AUTHORIZED, "unsupported channel binding type");
            }
            return data.get();
        }
        if (first.cbFlag() == 'p') {
            throw new ScramException(SaslFailure.MALFORMED_REQUEST, "channel binding with a non-PLUS mechanism");
        }
        if (first.cbFlag() == 'y' && bindings.available()) {
            // "y": the client binds but believes we do not. We offer -PLUS here, so someone removed it on the way.
            throw new ScramException(SaslFailure.NOT_AUTHORIZED, "channel binding downgrade");
        }
        return new byte[0];
    }

    private SaslStep clientFinal(byte[] data) throws ScramException {
        state = State.DONE;
        ClientFinal last = ScramMessages.clientFinal(data);
        // Both comparisons run, so the time taken does not say which one failed.
        boolean bindingMatches = MessageDigest.isEqual(expectedChannelBinding, last.channelBinding());
        boolean nonceMatches = MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
                last.nonce().getBytes(StandardCharsets.UTF_8));
        String authMessage = clientFirstBare + "," + serverFirst + "," + last.withoutProof();
        ScramCredentials scram = credentials.scram();
        boolean proofMatches = scram.verifyClientProof(last.proof(), authMessage);
        if (!(bindingMatches & nonceMatches & proofMatches & credentials.known())) {
            throw new ScramException(SaslFailure.NOT_AUTHORIZED, "proof not verified");
        }
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(scram.serverSignature(authMessage));
        return new SaslStep.Success(user, serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * RFC 5802 §5.1: the username is SASLprepped; here it is a JID localpart of the served domain (a client that
     * sends the bare JID instead is tolerated, as for PLAIN). A name that cannot be an account fails like a wrong
     * password.
     */
    @Override
    public Optional<BareJid> user() {
        return Optional.ofNullable(user);
    }

    private BareJid resolveUser(String username) throws ScramException {
        try {
            BareJid jid = BareJid.parse(SaslPrep.prepare(username), server.domain());
            if (jid.domain().equals(server.domain())) {
                return jid;
            }
        } catch (IllegalArgumentException e) {
            // fall through: not a possible account
        }
        throw new ScramException(SaslFailure.NOT_AUTHORIZED, "not a possible account");
    }

    /** Parley offers no acting as someone else (RFC 6120 §6.3.8); an authzid naming the user itself is fine. */
    private boolean isSelf(String authzid) {
        try {
            return BareJid.parse(authzid, server.domain()).equals(user);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
