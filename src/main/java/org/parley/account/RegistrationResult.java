package org.parley.account;

import java.util.Objects;

/** The outcome of {@link AccountService#register}: every expected case is a value, not an exception. */
public sealed interface RegistrationResult
        permits RegistrationResult.Created, RegistrationResult.AlreadyExists, RegistrationResult.Rejected {

    /** The account was created. */
    record Created() implements RegistrationResult {}

    /** An account with this JID exists already; nothing was changed. */
    record AlreadyExists() implements RegistrationResult {}

    /**
     * The password does not satisfy the {@link PasswordPolicy}; nothing was stored.
     *
     * @param reason why, fit to show to the user
     */
    record Rejected(String reason) implements RegistrationResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
