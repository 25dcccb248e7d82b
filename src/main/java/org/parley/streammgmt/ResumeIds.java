package org.parley.streammgmt;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Resumption ids ({@code <enabled id=…/>}, {@code <resume previd=…/>}): 128 random bits, URL-safe Base64 without
 * padding. Unguessable, so that a forged {@code previd} finds nothing; the account is checked as well.
 */
public final class ResumeIds {

    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code text} has the shape of an id this class makes (checked before any lookup). */
    public static boolean plausible(String text) {
        return text != null && text.length() == 22 && text.chars().allMatch(c -> Character.isLetterOrDigit(c)
                && c < 128 || c == '-' || c == '_');
    }
}
