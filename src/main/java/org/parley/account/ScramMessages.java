package org.parley.account;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client messages of a SCRAM exchange (RFC 5802 §7), parsed strictly: anything off the grammar is a
 * {@link SaslFailure#MALFORMED_REQUEST}, never a guess. Pure functions over the decoded SASL data.
 */
final class ScramMessages {

    /** {@code cb-name = 1*(ALPHA / DIGIT / "." / "-")}. */
    private static final Pattern CB_NAME = Pattern.compile("[A-Za-z0-9.-]+");
    /** {@code printable = %x21-2B / %x2D-7E}: a nonce is any printable ASCII but ','. */
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x2B\\x2D-\\x7E]+");

    /** {@code attr-val = ALPHA "=" value}. */
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z]=.*");

    private ScramMessages() {}

    /**
     * The client-first-message.
     *
     * @param cbFlag {@code 'n'}, {@code 'y'} or {@code 'p'} (RFC 5802 §7 gs2-cbind-flag)
     * @param cbName the channel binding type when {@code cbFlag} is {@code 'p'}, else empty
     * @param authzid the decoded {@code a=} attribute, if any
     * @param username the decoded {@code n=} attribute, not yet prepared
     * @param clientNonce {@code c-nonce}
     * @param gs2Header the header as sent, which {@code c=} must repeat
     * @param bare client-first-message-bare, the first part of AuthMessage
     */
    record ClientFirst(char cbFlag, String cbName, Optional<String> authzid, String username, String clientNonce,
            String gs2Header, String bare) {}

    /**
     * The client-final-message.
     *
     * @param channelBinding the decoded {@code c=}: the GS2 header plus, for {@code p}, the channel binding data
     * @param nonce the whole nonce, client and server part
     * @param proof the decoded {@code p=}
     * @param withoutProof client-final-message-without-proof, the last part of AuthMessage
     */
    record ClientFinal(byte[] channelBinding, String nonce, byte[] proof, String withoutProof) {}

    /** A message that cannot continue the exchange, with the condition to answer. */
    static final class ScramException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SaslFailure failure;

        ScramException(SaslFailure failure, String reason) {
            super(reason, null, false, false); // no stack: this is an expected outcome of client input
            this.failure = failure;
        }

        SaslFailure failure() {
            return failure;
        }
    }

    static ClientFirst clientFirst(byte[] data) throws ScramException {
        String message = utf8(data);
        // gs2-header = gs2-cbind-flag "," [ authzid ] ","
        int firstComma = message.indexOf(',');
        int secondComma = firstComma < 0 ? -1 : message.indexOf(',', firstComma + 1);
        if (secondComma < 0) {
            throw malformed("no GS2 header");
        }
        String flag = message.substring(0, firstComma);
        char cbFlag;
        String cbName = "";
        if (flag.equals("n") || flag.equals("y")) {
            cbFlag = flag.charAt(0);
        } else if (flag.startsWith("p=") && CB_NAME.matcher(flag.substring(2)).matches()) {
            cbFlag = 'p';
            cbName = flag.substring(2);
        } else {
            throw malformed("bad gs2-cbind-flag");
        }
        String authzField = message.substring(firstComma + 1, secondComma);
        Optional<String> authzid = Optional.empty();
        if (!authzField.isEmpty()) {
            if (!authzField.startsWith("a=")) {
                throw malformed("bad authzid");
            }
            authzid = Optional.of(saslName(authzField.substring(2)));
        }
        String gs2Header = message.substring(0, secondComma + 1);
        String bare = message.substring(secondComma + 1);
        String[] attributes = bare.split(",", -1);
        if (attributes.length < 2) {
            throw malformed("client-first-message-bare too short");
        }
        if (attributes[0].startsWith("m=")) {
            // RFC 5802 §5.1: an unknown mandatory extension MUST fail the authentication
            throw malformed("mandatory extensions are not supported");
        }
        String username = saslName(value(attributes[0], 'n'));
        String clientNonce = value(attributes[1], 'r');
        if (!PRINTABLE.matcher(clientNonce).matches()) {
            throw malformed("bad nonce");
        }
        requireExtensions(attributes);
        return new ClientFirst(cbFlag, cbName, authzid, username, clientNonce, gs2Header, bare);
    }

    static ClientFinal clientFinal(byte[] data) throws ScramException {
        String message = utf8(data);
        int proofStart = message.lastIndexOf(",p=");
        if (proofStart < 0) {
            throw malformed("no proof");
        }
        String withoutProof = message.substring(0, proofStart);
        String[] attributes = withoutProof.split(",", -1);
        if (attributes.length < 2) {
            throw malformed("client-final-message too short");
        }
        byte[] channelBinding = base64(value(attributes[0], 'c'));
        String nonce = value(attributes[1], 'r');
        requireExtensions(attributes);
        byte[] proof = base64(message.substring(proofStart + 3));
        return new ClientFinal(channelBinding, nonce, proof, withoutProof);
    }

    /** Escapes a name for the wire: {@code ,} as {@code =2C} and {@code =} as {@code =3D} (RFC 5802 §5.1). */
    static String encodeSaslName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    /** RFC 5802 §5.1: {@code =2C} and {@code =3D} are the only escapes; any other {@code =} is malformed. */
    private static String saslName(String escaped) throws ScramException {
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '=') {
                out.append(c);
            } else if (escaped.startsWith("=2C", i)) {
                out.append(',');
                i += 2;
            } else if (escaped.startsWith("=3D", i)) {
                out.append('=');
                i += 2;
            } else {
                throw malformed("bad escape in saslname");
            }
        }
        if (out.length() == 0) {
            throw malformed("empty saslname");
        }
        return out.toString();
    }

    /** Attributes after the nonce are optional extensions, {@code attr-val}, which Parley ignores. */
    private static void requireExtensions(String[] attributes) throws ScramException {
        for (int i = 2; i < attributes.length; i++) {
            if (!EXTENSION.matcher(attributes[i]).matches()) {
                throw malformed("bad extension");
            }
        }
    }

    private static String value(String attribute, char name) throws ScramException {
        if (attribute.length() < 2 || attribute.charAt(0) != name || attribute.charAt(1) != '=') {
            throw malformed("expected attribute " + name);
        }
        return attribute.substring(2);
    }

    private static byte[] base64(String text) throws ScramException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ScramException(SaslFailure.INCORRECT_ENCODING, "bad base64");
        }
    }

    private static String utf8(byte[] data) throws ScramException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new ScramException(SaslFailure.INCORRECT_ENCODING, "not UTF-8");
        }
    }

    private static ScramException malformed(String reason) {
        return new ScramException(SaslFailure.MALFORMED_REQUEST, reason);
    }
}
