package org.parley.xmpp;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * A bare JID ({@code localpart@domainpart}) of a local account, in canonical form.
 *
 * <p>Canonical form approximates the PRECIS UsernameCaseMapped profile of RFC 7622 §3.3: NFC normalisation and
 * lower-casing, with the characters RFC 7622 §3.3.1 forbids in a localpart rejected. Two spellings of the same
 * user therefore compare equal, which is what account lookup, roster keys and routing need.
 *
 * @param local the localpart, canonical, 1..1023 bytes of UTF-8
 * @param domain the domainpart, lower-case, 1..1023 bytes of UTF-8
 */
public record BareJid(String local, String domain) {

    /** RFC 7622 §3.3.1: these may not appear in a localpart. */
    private static final String FORBIDDEN_IN_LOCAL = "\"&'/:<>@";

    private static final int MAX_PART_BYTES = 1023;

    public BareJid {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(domain, "domain");
        local = canonicalLocal(local);
        domain = canonicalDomain(domain);
    }

    /**
     * Parses {@code user@domain}; a resource ({@code /res}) is rejected, since this names an account.
     *
     * @throws IllegalArgumentException with a message fit for a user when the text is not a valid bare JID
     */
    public static BareJid parse(String text) {
        Objects.requireNonNull(text, "text");
        int at = text.indexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("not a bare JID of the form user@domain: '" + text + "'");
        }
        if (text.indexOf('/') >= 0) {
            throw new IllegalArgumentException("a bare JID has no resource part: '" + text + "'");
        }
        return new BareJid(text.substring(0, at), text.substring(at + 1));
    }

    /** Parses {@code user} or {@code user@domain}; a bare username is taken to belong to {@code defaultDomain}. */
    public static BareJid parse(String text, String defaultDomain) {
        Objects.requireNonNull(text, "text");
        return text.indexOf('@') < 0 ? new BareJid(text, defaultDomain) : parse(text);
    }

    private static String canonicalLocal(String raw) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the user name is empty");
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (FORBIDDEN_IN_LOCAL.indexOf(cp) >= 0) {
                throw new IllegalArgumentException(
                        "the user name may not contain '" + new String(Character.toChars(cp)) + "': '" + raw + "'");
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
                    || Character.getType(cp) == Character.UNASSIGNED
                    || Character.getType(cp) == Character.PRIVATE_USE) {
                throw new IllegalArgumentException("the user name may not contain spaces or control characters: '"
                        + raw + "'");
            }
            i += Character.charCount(cp);
        }
        checkLength(s, "user name");
        return s;
    }

    private static String canonicalDomain(String raw) {
        String s = raw.toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1); // RFC 7622 §3.2: a trailing dot is stripped
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the domain is empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || "@/\"&'<>:\\".indexOf(c) >= 0 && !(c == ':' && s.startsWith("["))) {
                throw new IllegalArgumentException("not a valid domain: '" + raw + "'");
            }
        }
        checkLength(s, "domain");
        return s;
    }

    private static void checkLength(String s, String what) {
        if (s.getBytes(StandardCharsets.UTF_8).length > MAX_PART_BYTES) {
            throw new IllegalArgumentException("the " + what + " is longer than " + MAX_PART_BYTES + " bytes");
        }
    }

    @Override
    public String toString() {
        return local + "@" + domain;
    }
}
