package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(8);

    @Test
    void acceptsALongEnoughPassword() {
        assertThat(policy.problem("12345678")).isEmpty();
        assertThat(policy.problem("correct horse battery staple")).isEmpty();
    }

    @Test
    void rejectsAnEmptyPassword() {
        assertThat(policy.problem("")).contains("the password is empty");
    }

    @Test
    void aPasswordOfOnlyIgnorableCharactersIsEmpty() {
        assertThat(policy.problem("\u00AD\u200B\uFEFF")).contains("the password is empty");
    }

    @Test
    void rejectsAShortPassword() {
        assertThat(policy.problem("1234567")).contains("the password is shorter than 8 characters");
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        String grinning = "\uD83D\uDE00"; // one code point, two chars
        assertThat(policy.problem(grinning.repeat(7))).contains("the password is shorter than 8 characters");
        assertThat(policy.problem(grinning.repeat(8))).isEmpty();
        assertThat(policy.problem("中文中文中文中文")).isEmpty();
    }

    @Test
    void countsAfterSaslPrep() {
        // 8 chars typed, but the soft hyphen is mapped to nothing: 7 remain.
        assertThat(policy.problem("abc\u00ADdefg")).contains("the password is shorter than 8 characters");
        // A decomposed ä is two code points typed, one after NFKC.
        assertThat(policy.problem("pa\u0308sswrd")).contains("the password is shorter than 8 characters");
        assertThat(policy.problem("pässwörd€中文")).isEmpty();
    }

    @Test
    void reportsTheSaslPrepProblem() {
        assertThat(policy.problem("password\u0007")).contains("the password contains a control character");
    }

    @Test
    void minimumMustBePositive() {
        assertThatThrownBy(() -> new PasswordPolicy(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PasswordPolicy(1).problem("x")).isEmpty();
    }
}
