package org.parley.carbons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;

/** XEP-0280 §4, §5, §10.1: per-resource enabled state. */
class EnabledResourcesTest {

    private static final BareJid ROMEO = BareJid.parse("romeo@example.org");
    private static final BareJid JULIET = BareJid.parse("juliet@example.org");

    private final EnabledResources enabled = new EnabledResources();

    @Test
    @DisplayName("§10.1: enabling twice is enabling once; disabling twice is disabling once")
    void idempotent() {
        enabled.enable(ROMEO, "garden");
        enabled.enable(ROMEO, "garden");
        assertThat(enabled.targets(ROMEO, List.of())).containsExactly("garden");
        enabled.disable(ROMEO, "garden");
        enabled.disable(ROMEO, "garden");
        assertThat(enabled.isEnabled(ROMEO, "garden")).isFalse();
        assertThat(enabled.users()).isZero();
    }

    @Test
    @DisplayName("targets are the user's enabled resources less the excluded ones, per user")
    void targets() {
        enabled.enable(ROMEO, "garden");
        enabled.enable(ROMEO, "home");
        enabled.enable(ROMEO, "phone");
        enabled.enable(JULIET, "garden");
        assertThat(enabled.targets(ROMEO, List.of("home"))).containsExactly("garden", "phone");
        assertThat(enabled.targets(JULIET, List.of())).containsExactly("garden");
        assertThat(enabled.targets(BareJid.parse("nurse@example.org"), List.of())).isEmpty();
        enabled.disable(ROMEO, "garden");
        assertThat(enabled.targets(ROMEO, List.of())).containsExactly("home", "phone");
        assertThat(enabled.isEnabled(JULIET, "garden")).isTrue();
    }
}
