package org.parley.proxy65;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SOCKS5 DST.ADDR that identifies one bytestream at the proxy (XEP-0065 §5.3.2, §6.3.2): the SHA-1 of
 * {@code SID + requester JID + target JID}, hex-encoded in lower case. Both parties send it in their CONNECT request,
 * and the proxy recomputes it from an activation request, with the requester's JID taken from the stanza's stamped
 * {@code from}: that is what lets only the requester activate.
 */
public final class StreamHash {

    private StreamHash() {}

    /**
     * The hash for one stream. The JIDs must be the ones the two parties used for the IQ exchange, already in their
     * stringprepped form (the XEP requires the profiles to be applied before hashing).
     */
    public static String of(String sid, String requesterJid, String targetJid) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((sid + requesterJid + targetJid).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-1 (MessageDigest's Javadoc)
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
