package org.parley.pep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;

/** Which resources want which nodes, and what counts as newly wanted (it triggers sending last items). */
class NotifyInterestTest {

    private static final BareJid ALICE = BareJid.parse("alice@example.org");

    @Test
    void reportsOnlyNewlyWantedNodes() {
        NotifyInterest interest = new NotifyInterest();
        assertThat(interest.update(ALICE, "phone", Set.of("tune", "mood"))).containsExactlyInAnyOrder("tune", "mood");
        assertThat(interest.update(ALICE, "phone", Set.of("tune", "mood"))).isEmpty();
        assertThat(interest.update(ALICE, "phone", Set.of("tune", "geoloc"))).containsExactly("geoloc");
        assertThat(interest.update(ALICE, "laptop", Set.of("tune"))).containsExactly("tune");
        assertThat(interest.resources(ALICE, "tune")).containsExactly("laptop", "phone");
        assertThat(interest.resources(ALICE, "mood")).isEmpty();
    }

    @Test
    void forgetsAResourceThatWentAway() {
        NotifyInterest interest = new NotifyInterest();
        interest.update(ALICE, "phone", Set.of("tune"));
        interest.remove(ALICE, "phone");
        interest.remove(ALICE, "never-there");
        assertThat(interest.resources(ALICE, "tune")).isEmpty();
        // coming back, it wants the node anew and gets the last item again
        assertThat(interest.update(ALICE, "phone", Set.of("tune"))).containsExactly("tune");
    }
}
