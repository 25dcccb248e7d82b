package org.parley.account;

import java.util.Objects;

/** The outcome of {@link AccountService#changePassword}. */
public sealed interface ChangeResult permits ChangeResult.Changed, ChangeResult.UnknownUser, ChangeResult.Rejected {

    /** The password was changed. */
    record Changed() implements ChangeResult {}

    /** There is no account with this JID. */
    record UnknownUser() implements ChangeResult {}

    /**
     * The new password does not satisfy the {@link PasswordPolicy}; the old one still applies.
     *
     * @param reason why, fit to show to the user
     */
    record Rejected(String reason) implements ChangeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
