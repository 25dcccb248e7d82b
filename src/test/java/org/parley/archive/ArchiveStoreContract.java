package org.parley.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;

/** What every {@link ArchiveStore} does (style rule 6): the H2 store and the in-memory one both pass it. */
public interface ArchiveStoreContract {

    BareJid ALICE = BareJid.parse("alice@example.org");
    BareJid BOB = BareJid.parse("bob@example.org");
    BareJid NOBODY = BareJid.parse("nobody@example.org");
    Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    ArchiveStore.Range ALL = new ArchiveStore.Range(null, null, 1, Long.MAX_VALUE, null);

    ArchiveStore store();

    /** Creates an account, so that archives can be written for it. */
    void createAccount(BareJid owner);

    static String chat(String body) {
        return "<message xmlns=\"jabber:client\" type=\"chat\"><body>" + body + "</body></message>";
    }

    static ArchiveStore.Append append(BareJid owner, BareJid with, int second, String body) {
        return new ArchiveStore.Append(owner, with.toString(), "phone", false, T0.plusSeconds(second), chat(body));
    }

    /** Appends {@code n} messages from bob to alice, one a second; returns their ids. */
    default List<Long> fill(int n) {
        List<ArchiveStore.Append> appends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            appends.add(append(ALICE, BOB, i, "m" + i));
        }
        return store().appendAll(appends, 0);
    }

    @Test
    default void appendsInOrderWithAscendingIds() {
        createAccount(ALICE);
        List<Long> ids = fill(5);
        assertThat(ids).isSorted().doesNotHaveDuplicates().doesNotContain(ArchiveStore.NOT_KEPT);
        List<ArchivedMessage> read = store().read(ALICE, ALL, false, 10);
        assertThat(read).extracting(ArchivedMessage::id).containsExactlyElementsOf(ids);
        assertThat(read.get(0).stanza()).isEqualTo(chat("m0"));
        assertThat(read.get(0).at()).isEqualTo(T0);
        assertThat(read.get(0).with()).isEqualTo(BOB.toString());
    }

    @Test
    default void anOwnerWithoutAccountIsSkippedNotFatal() {
        createAccount(ALICE);
        List<Long> ids = store().appendAll(List.of(append(NOBODY, ALICE, 0, "x"), append(ALICE, NOBODY, 0, "y")),
                0);
        assertThat(ids.get(0)).isEqualTo(ArchiveStore.NOT_KEPT);
        assertThat(ids.get(1)).isNotEqualTo(ArchiveStore.NOT_KEPT);
    }

    @Test
    default void readsPagesBothWaysWithinARange() {
        createAccount(ALICE);
        List<Long> ids = fill(10);
        assertThat(store().read(ALICE, ALL.between(ids.get(2), ids.get(7)), false, 3))
                .extracting(ArchivedMessage::id).containsExactly(ids.get(2), ids.get(3), ids.get(4));
        assertThat(store().read(ALICE, ALL.between(ids.get(2), ids.get(7)), true, 3))
                .extracting(ArchivedMessage::id).containsExactly(ids.get(7), ids.get(6), ids.get(5));
        assertThat(store().count(ALICE, ALL.between(ids.get(2), ids.get(7)))).isEqualTo(6);
    }

    @Test
    default void filtersByWithResourceAndIds() {
        createAccount(ALICE);
        BareJid carol = BareJid.parse("carol@example.org");
        List<Long> ids = store().appendAll(List.of(append(ALICE, BOB, 0, "b"), append(ALICE, carol, 1, "c"),
                new ArchiveStore.Append(ALICE, BOB.toString(), "tablet", true, T0.plusSeconds(2), chat("b2"))), 0);
        assertThat(store().count(ALICE, new ArchiveStore.Range(BOB.toString(), null, 1, Long.MAX_VALUE, null)))
                .isEqualTo(2);
        assertThat(store().read(ALICE, new ArchiveStore.Range(BOB.toString(), "tablet", 1, Long.MAX_VALUE, null),
                false, 10)).extracting(ArchivedMessage::id).containsExactly(ids.get(2));
        assertThat(store().read(ALICE, new ArchiveStore.Range(null, null, 1, Long.MAX_VALUE,
                Set.of(ids.get(0), ids.get(2))), false, 10)).extracting(ArchivedMessage::id)
                .containsExactly(ids.get(0), ids.get(2));
    }

    @Test
    default void idsOfAnotherArchiveDoNotExistInThisOne() {
        createAccount(ALICE);
        createAccount(BOB);
        long alices = fill(1).get(0);
        assertThat(store().existing(ALICE, Set.of(alices, 999_999L))).containsExactly(alices);
        assertThat(store().existing(BOB, Set.of(alices))).isEmpty();
        assertThat(store().delete(BOB, alices)).isFalse();
        assertThat(store().delete(ALICE, alices)).isTrue();
        assertThat(store().existing(ALICE, Set.of(alices))).isEmpty();
    }

    @Test
    default void stampsBecomeIdBounds() {
        createAccount(ALICE);
        List<Long> ids = fill(5);
        assertThat(store().firstIdFrom(ALICE, T0.plusMillis(1500))).hasValue(ids.get(2));
        assertThat(store().lastIdUntil(ALICE, T0.plusSeconds(3))).hasValue(ids.get(3));
        assertThat(store().firstIdFrom(ALICE, T0.plusSeconds(60))).isEmpty();
        assertThat(store().lastIdUntil(ALICE, T0.minusSeconds(1))).isEmpty();
    }

    @Test
    default void capDropsTheOldest() {
        createAccount(ALICE);
        List<Long> ids = fill(5);
        store().appendAll(List.of(append(ALICE, BOB, 10, "new")), 3);
        assertThat(store().read(ALICE, ALL, false, 10)).extracting(ArchivedMessage::id)
                .startsWith(ids.get(3), ids.get(4)).hasSize(3);
    }

    @Test
    default void retentionDeletesTheOldestInBatches() {
        createAccount(ALICE);
        fill(10);
        assertThat(store().deleteOlderThan(T0.plusSeconds(7), 4)).isEqualTo(4);
        assertThat(store().deleteOlderThan(T0.plusSeconds(7), 4)).isEqualTo(3);
        assertThat(store().deleteOlderThan(T0.plusSeconds(7), 4)).isZero();
        assertThat(store().count(ALICE, ALL)).isEqualTo(3);
        assertThat(store().latestStamp()).hasValue(T0.plusSeconds(9));
    }

    @Test
    default void prefsRoundTrip() {
        createAccount(ALICE);
        assertThat(store().prefs(ALICE)).isEmpty();
        ArchivePrefs prefs = new ArchivePrefs(ArchiveDefault.ROSTER, Set.of(BOB.toString()), Set.of("example.com"));
        assertThat(store().setPrefs(ALICE, prefs)).isTrue();
        assertThat(store().prefs(ALICE)).hasValue(prefs);
        assertThat(store().setPrefs(ALICE, ArchivePrefs.of(ArchiveDefault.NEVER))).isTrue();
        assertThat(store().prefs(ALICE)).hasValue(ArchivePrefs.of(ArchiveDefault.NEVER));
        assertThat(store().setPrefs(NOBODY, prefs)).isFalse();
    }
}
