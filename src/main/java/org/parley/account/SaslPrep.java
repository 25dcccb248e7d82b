package org.parley.account;

import java.text.Normalizer;
import java.util.Objects;

/**
 * The SASLprep profile of stringprep (RFC 4013 over RFC 3454), applied to passwords before they are hashed, so
 * that every client that sends the same password in a different Unicode spelling derives the same key.
 *
 * <p>Deviation from the letter of RFC 4013: NFKC and the unassigned-code-point check use the Unicode version of
 * the running JDK rather than Unicode 3.2. For passwords this only ever accepts more, never maps differently in
 * practice, and a JDK table is easier to trust than a copied one.
 *
 * <p>Error messages describe the kind of character but never echo it, since they may reach a log or a user other
 * than the password's owner.
 */
public final class SaslPrep {

    private SaslPrep() {}

    /**
     * Prepares a password: maps, normalises, and checks it (RFC 4013 §2.1–§2.4).
     *
     * @return the prepared string, possibly empty
     * @throws IllegalArgumentException with a message fit for a user when the password contains a character
     *     RFC 4013 prohibits, or breaks the bidirectional-text rule
     */
    public static String prepare(String password) {
        Objects.requireNonNull(password, "password");
        String normalized = Normalizer.normalize(map(password), Normalizer.Form.NFKC);
        checkProhibited(normalized);
        checkBidi(normalized);
        return normalized;
    }

    /** RFC 4013 §2.1. */
    private static String map(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            // B.1 is tested first: U+200B appears in both B.1 and C.1.2, and being "mapped to nothing" is the
            // reading most SASLprep implementations (and Unicode, which no longer calls it a space) take.
            if (isMappedToNothing(cp)) {
                continue;
            }
            out.appendCodePoint(isNonAsciiSpace(cp) ? ' ' : cp);
        }
        return out.toString();
    }

    /** RFC 3454 table B.1. */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || in(cp, 0x180B, 0x180D) || in(cp, 0x200B, 0x200D)
                || cp == 0x2060 || in(cp, 0xFE00, 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 3454 table C.1.2. */
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || in(cp, 0x2000, 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 4013 §2.3 and §2.5; the order of the tests only decides which message a string gets. */
    private static void checkProhibited(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            String problem = prohibitedKind(cp);
            if (problem != null) {
                throw new IllegalArgumentException("the password contains " + problem);
            }
        }
    }

    private static String prohibitedKind(int cp) {
        if (isNonAsciiSpace(cp)) {
            // C.1.2: map() has already replaced these; tested anyway because RFC 4013 §2.3 prohibits them in output
            return "a space character other than the ordinary space";
        }
        if (cp <= 0x1F || in(cp, 0x7F, 0x9F) || isNonAsciiControl(cp)) {
            return "a control character"; // C.2.1, C.2.2
        }
        if (in(cp, 0xE000, 0xF8FF) || in(cp, 0xF0000, 0xFFFFD) || in(cp, 0x100000, 0x10FFFD)) {
            return "a private-use character"; // C.3
        }
        if (in(cp, 0xFDD0, 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return "a non-character code point"; // C.4: U+FDD0..FDEF and the last two of every plane
        }
        if (in(cp, 0xD800, 0xDFFF)) {
            return "an unpaired surrogate"; // C.5: a paired one was already combined by codePointAt
        }
        if (in(cp, 0xFFF9, 0xFFFD)) {
            return "a replacement or annotation character"; // C.6
        }
        if (in(cp, 0x2FF0, 0x2FFB)) {
            return "an ideographic description character"; // C.7
        }
        if (cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || in(cp, 0x202A, 0x202E)
                || in(cp, 0x206A, 0x206F)) {
            return "a character that changes the display or direction of text"; // C.8
        }
        if (cp == 0xE0001 || in(cp, 0xE0020, 0xE007F)) {
            return "a language tag character"; // C.9
        }
        if (Character.getType(cp) == Character.UNASSIGNED) {
            return "a character that Unicode does not assign"; // A.1, stored strings
        }
        return null;
    }

    /** RFC 3454 table C.2.2, less U+0080..U+009F which the caller tests with the ASCII controls. */
    private static boolean isNonAsciiControl(int cp) {
        return cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C || cp == 0x200D || cp == 0x2028
                || cp == 0x2029 || in(cp, 0x2060, 0x2063) || in(cp, 0x206A, 0x206F) || cp == 0xFEFF
                || in(cp, 0xFFF9, 0xFFFC) || in(cp, 0x1D173, 0x1D17A);
    }

    /**
     * RFC 3454 §6: right-to-left text may not be mixed with left-to-right text, and must start and end with a
     * right-to-left character, so that the password reads the same whichever way a client displays it.
     */
    private static void checkBidi(String s) {
        boolean hasRandAl = false;
        boolean hasL = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            hasRandAl |= isRandAl(cp);
            hasL |= Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
        }
        if (!hasRandAl) {
            return;
        }
        if (hasL) {
            throw new IllegalArgumentException("the password mixes right-to-left and left-to-right letters");
        }
        int first = s.codePointAt(0);
        int last = s.codePointBefore(s.length());
        if (!isRandAl(first) || !isRandAl(last)) {
            throw new IllegalArgumentException(
                    "the password has right-to-left letters, so it must begin and end with one");
        }
    }

    private static boolean isRandAl(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    private static boolean in(int cp, int low, int high) {
        return cp >= low && cp <= high;
    }
}
