package org.parley.streammgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResumableSessionsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    @DisplayName("a resumption id is found only for its own account")
    void anotherAccountFindsNothing() {
        ResumableSessions<String> table = new ResumableSessions<>(5, 100);
        table.register("id-1", "juliet@example.org", "s1");
        assertThat(table.find("id-1", "juliet@example.org")).contains("s1");
        assertThat(table.find("id-1", "romeo@example.org")).isEmpty();
        assertThat(table.find("id-2", "juliet@example.org")).isEmpty();
    }

    @Test
    @DisplayName("sm.max_resumable_per_account: one more detached session ends the account's oldest detached one")
    void perAccountBoundEvictsTheOldest() {
        ResumableSessions<String> table = new ResumableSessions<>(2, 100);
        table.register("a", "juliet@x", "sa");
        table.register("b", "juliet@x", "sb");
        table.register("c", "juliet@x", "sc");
        table.register("r", "romeo@x", "sr");
        assertThat(table.detached("a", T0)).isEmpty();
        assertThat(table.detached("r", T0)).isEmpty();
        assertThat(table.detached("b", T0.plusSeconds(1))).isEmpty();
        assertThat(table.detached("c", T0.plusSeconds(2))).containsExactly("sa");
        assertThat(table.find("a", "juliet@x")).isEmpty();
        assertThat(table.detachedCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("sm.max_resumable: one more detached session on the server ends the oldest, never the new one")
    void totalBoundEvictsTheOldestOfAnyAccount() {
        ResumableSessions<String> table = new ResumableSessions<>(5, 2);
        table.register("a", "a@x", "sa");
        table.register("b", "b@x", "sb");
        table.register("c", "c@x", "sc");
        table.detached("b", T0);
        table.detached("a", T0.plusSeconds(1));
        assertThat(table.detached("c", T0.plusSeconds(2))).containsExactly("sb");
        assertThat(table.find("c", "c@x")).contains("sc");
    }

    @Test
    void attachedSessionsDoNotCount() {
        ResumableSessions<String> table = new ResumableSessions<>(1, 1);
        table.register("a", "a@x", "sa");
        table.register("b", "a@x", "sb");
        table.detached("a", T0);
        table.attached("a");
        assertThat(table.detached("b", T0.plusSeconds(1))).isEmpty();
        assertThat(table.takeDetached()).containsExactly("sb");
        assertThat(table.find("a", "a@x")).contains("sa");
    }

    @Test
    @DisplayName("XEP-0198 §5: an ended session's h is remembered for <failed h/>, for its own account only")
    void endedSessionsKeepTheirH() {
        ResumableSessions<String> table = new ResumableSessions<>(1, 1);
        table.register("a", "a@x", "sa");
        table.ended("a", "a@x", 42);
        assertThat(table.find("a", "a@x")).isEmpty();
        assertThat(table.endedH("a", "a@x")).isEqualTo(OptionalLong.of(42));
        assertThat(table.endedH("a", "b@x")).isEmpty();
        table.ended("b", "a@x", 7); // bounded: the oldest is forgotten
        assertThat(table.endedH("a", "a@x")).isEmpty();
    }

    @Test
    void idsAreUnguessableAndRecognisable() {
        ResumeIds ids = new ResumeIds();
        String one = ids.next();
        assertThat(one).hasSize(22).isNotEqualTo(ids.next());
        assertThat(ResumeIds.plausible(one)).isTrue();
        assertThat(ResumeIds.plausible("../../etc/passwd")).isFalse();
        assertThat(ResumeIds.plausible(null)).isFalse();
    }
}
