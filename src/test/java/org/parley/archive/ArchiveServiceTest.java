package org.parley.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;

/** Query and paging logic (XEP-0313 §4, XEP-0059) and preferences, over the in-memory store. */
class ArchiveServiceTest {

    private static final BareJid ALICE = BareJid.parse("alice@example.org");
    private static final BareJid BOB = BareJid.parse("bob@example.org");
    private static final BareJid CAROL = BareJid.parse("carol@example.org");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final Set<BareJid> accounts = new HashSet<>(Set.of(ALICE, BOB, CAROL));
    private final Set<String> alicesRoster = new HashSet<>();
    private InMemoryArchiveStore store;
    private ArchiveService service;
    private List<String> ids;

    @BeforeEach
    void fill() {
        store = new InMemoryArchiveStore(accounts::contains);
        service = new ArchiveService(store, ArchiveDefault.ALWAYS,
                (owner, contact) -> owner.equals(ALICE) && alicesRoster.contains(contact.toString()));
        List<ArchiveStore.Append> appends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            BareJid with = i % 2 == 0 ? BOB : CAROL;
            appends.add(new ArchiveStore.Append(ALICE, with.toString(), null, false, T0.plusSeconds(i),
                    "<message xmlns='jabber:client'><body>" + i + "</body></message>"));
        }
        ids = store.appendAll(appends, 0).stream().map(ArchiveIds::format).toList();
    }

    private ArchivePage query(Rsm rsm) throws ArchiveException {
        return service.query(ALICE, ArchiveQuery.all(rsm));
    }

    private static List<String> ids(ArchivePage page) {
        return page.messages().stream().map(ArchivedMessage::archiveId).toList();
    }

    @Test
    void pagesForwardsToTheEnd() throws ArchiveException {
        ArchivePage page = query(new Rsm(4, null, null));
        assertThat(ids(page)).isEqualTo(ids.subList(0, 4));
        assertThat(page.complete()).isFalse();
        assertThat(page.count()).isEqualTo(10);
        assertThat(page.first()).isEqualTo(ids.get(0));
        assertThat(page.last()).isEqualTo(ids.get(3));
        page = query(new Rsm(4, page.last(), null));
        assertThat(ids(page)).isEqualTo(ids.subList(4, 8));
        page = query(new Rsm(4, page.last(), null));
        assertThat(ids(page)).isEqualTo(ids.subList(8, 10));
        assertThat(page.complete()).isTrue();
    }

    @Test
    void anExactLastPageIsComplete() throws ArchiveException {
        assertThat(query(new Rsm(10, null, null)).complete()).isTrue();
        assertThat(query(new Rsm(9, null, null)).complete()).isFalse();
    }

    @Test
    void pagesBackwardsFromTheLastPage() throws ArchiveException {
        ArchivePage page = query(new Rsm(4, null, ""));
        assertThat(ids(page)).as("chronological within the page").isEqualTo(ids.subList(6, 10));
        assertThat(page.complete()).isFalse();
        page = query(new Rsm(4, null, page.first()));
        assertThat(ids(page)).isEqualTo(ids.subList(2, 6));
        page = query(new Rsm(4, null, page.first()));
        assertThat(ids(page)).isEqualTo(ids.subList(0, 2));
        assertThat(page.complete()).as("reached the start").isTrue();
    }

    @Test
    void flipPageReversesTheOrderOnly() throws ArchiveException {
        ArchivePage page = service.query(ALICE, new ArchiveQuery(null, null, null, null, null, null, null,
                new Rsm(3, null, null), true));
        assertThat(ids(page)).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(page.first()).isEqualTo(ids.get(0));
        assertThat(page.last()).isEqualTo(ids.get(2));
    }

    @Test
    void capsAHugeMaxAndCountsWithMaxZero() throws ArchiveException {
        assertThat(query(new Rsm(1_000_000, null, null)).messages()).hasSize(10); // under the cap of 250 anyway
        assertThat(ArchiveService.MAX_PAGE).isEqualTo(250);
        ArchivePage count = query(new Rsm(0, null, null));
        assertThat(count.messages()).isEmpty();
        assertThat(count.count()).isEqualTo(10);
        assertThat(count.complete()).isFalse();
        assertThat(query(Rsm.NONE).messages()).hasSize(10); // default page 50
    }

    @Test
    void filtersCombine() throws ArchiveException {
        ArchivePage page = service.query(ALICE, ArchiveQuery.parse(Map.of("with", List.of("bob@example.org"),
                "start", List.of("2026-01-01T00:00:02Z"), "end", List.of("2026-01-01T00:00:06Z")), Rsm.NONE, false));
        assertThat(ids(page)).containsExactly(ids.get(2), ids.get(4), ids.get(6));
        page = service.query(ALICE, ArchiveQuery.parse(Map.of("after-id", List.of(ids.get(1)),
                "before-id", List.of(ids.get(5))), Rsm.NONE, false));
        assertThat(ids(page)).containsExactly(ids.get(2), ids.get(3), ids.get(4));
        page = service.query(ALICE, ArchiveQuery.parse(Map.of("ids", List.of(ids.get(7), ids.get(3))), Rsm.NONE,
                false));
        assertThat(ids(page)).containsExactly(ids.get(3), ids.get(7));
        page = service.query(ALICE, ArchiveQuery.parse(Map.of("start", List.of("2030-01-01T00:00:00Z")), Rsm.NONE,
                false));
        assertThat(page.messages()).isEmpty();
        assertThat(page.complete()).isTrue();
    }

    @Test
    void idsOutsideTheArchiveAreItemNotFound() {
        long bobs = store.appendAll(List.of(new ArchiveStore.Append(BOB, "alice@example.org", null, true, T0,
                "<message xmlns='jabber:client'/>")), 0).get(0);
        String foreign = ArchiveIds.format(bobs);
        for (ArchiveQuery q : List.of(
                ArchiveQuery.all(new Rsm(5, foreign, null)), ArchiveQuery.all(new Rsm(5, null, foreign)),
                ArchiveQuery.all(new Rsm(5, "999", null)), ArchiveQuery.all(new Rsm(5, "nope", null)),
                new ArchiveQuery(null, null, null, null, foreign, null, null, Rsm.NONE, false),
                new ArchiveQuery(null, null, null, null, null, foreign, null, Rsm.NONE, false),
                new ArchiveQuery(null, null, null, null, null, null, List.of(ids.get(0), foreign), Rsm.NONE, false))) {
            assertThatThrownBy(() -> service.query(ALICE, q)).isInstanceOf(ArchiveException.class)
                    .extracting(e -> ((ArchiveException) e).error()).isEqualTo(ArchiveError.ITEM_NOT_FOUND);
        }
    }

    @Test
    void metadataIsTheFirstAndLastMessage() {
        assertThat(service.bounds(ALICE)).get().satisfies(b -> {
            assertThat(b.first().archiveId()).isEqualTo(ids.get(0));
            assertThat(b.last().archiveId()).isEqualTo(ids.get(9));
        });
        assertThat(service.bounds(CAROL)).isEmpty();
    }

    @Test
    void preferencesDecideWhatIsKept() {
        assertThat(service.prefs(ALICE)).isEqualTo(ArchivePrefs.of(ArchiveDefault.ALWAYS));
        assertThat(service.keeps(ALICE, "bob@example.org")).isTrue();
        assertThat(service.setPrefs(ALICE, new ArchivePrefs(ArchiveDefault.ROSTER, Set.of("example.com"),
                Set.of("carol@example.org")))).isTrue();
        assertThat(service.keeps(ALICE, "bob@example.org")).as("not in the roster").isFalse();
        alicesRoster.add("bob@example.org");
        assertThat(service.keeps(ALICE, "bob@example.org")).as("in the roster").isTrue();
        alicesRoster.add("carol@example.org");
        assertThat(service.keeps(ALICE, "carol@example.org")).as("never wins").isFalse();
        assertThat(service.keeps(ALICE, "example.com")).as("always").isTrue();
        assertThat(service.keeps(BOB, "alice@example.org")).as("others keep the default").isTrue();
        accounts.remove(CAROL);
        assertThat(service.setPrefs(CAROL, ArchivePrefs.of(ArchiveDefault.NEVER))).isFalse();
    }
}
