package org.parley.account;

import java.util.Objects;
import java.util.Optional;

/**
 * What a new password must satisfy. Length is counted in code points of the SASLprep'd password, because that is
 * what is hashed and what a user perceives as characters (a UTF-16 count would make "中文" look longer than
 * "ab" is).
 *
 * @param minLength the least number of characters, at least 1
 */
public record PasswordPolicy(int minLength) {

    public PasswordPolicy {
        if (minLength < 1) {
            throw new IllegalArgumentException("the minimum password length must be at least 1, was " + minLength);
        }
    }

    /**
     * The reason the password is not acceptable, fit to show to the user, or empty when it is acceptable.
     */
    public Optional<String> problem(String password) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            return Optional.of("the password is empty");
        }
        String prepared;
        try {
            prepared = SaslPrep.prepare(password);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (prepared.isEmpty()) {
            // Only characters that SASLprep maps to nothing, such as soft hyphens: nothing would be hashed.
            return Optional.of("the password is empty");
        }
        if (prepared.codePointCount(0, prepared.length()) < minLength) {
            return Optional.of("the password is shorter than " + minLength + " characters");
        }
        return Optional.empty();
    }
}
