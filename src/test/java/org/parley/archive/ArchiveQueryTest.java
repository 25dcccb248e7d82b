package org.parley.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of the XEP-0313 §4.1 query form and the XEP-0059 page, good and bad. */
class ArchiveQueryTest {

    private static Map<String, List<String>> form(String... varValues) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("FORM_TYPE", List.of(ArchiveQuery.NAMESPACE));
        for (int i = 0; i < varValues.length; i += 2) {
            fields.put(varValues[i], List.of(varValues[i + 1]));
        }
        return fields;
    }

    private static ArchiveError error(Map<String, List<String>> fields, Rsm rsm) {
        try {
            ArchiveQuery.parse(fields, rsm, false);
        } catch (ArchiveException e) {
            return e.error();
        }
        throw new AssertionError("accepted " + fields + " " + rsm);
    }

    @Test
    void parsesEveryField() throws ArchiveException {
        Map<String, List<String>> fields = form("with", "Juliet@Capulet.lit/balcony", "start", "2010-06-07T00:00:00Z",
                "end", "2010-07-07T13:23:54.5+02:00", "after-id", "17", "before-id", "42");
        fields.put("ids", List.of("20", "21"));
        ArchiveQuery q = ArchiveQuery.parse(fields, new Rsm(10, "5", null), true);
        assertThat(q.with()).isEqualTo("juliet@capulet.lit");
        assertThat(q.withResource()).isEqualTo("balcony");
        assertThat(q.start()).isEqualTo(Instant.parse("2010-06-07T00:00:00Z"));
        assertThat(q.end()).isEqualTo(Instant.parse("2010-07-07T11:23:54.5Z"));
        assertThat(q.afterId()).isEqualTo("17");
        assertThat(q.beforeId()).isEqualTo("42");
        assertThat(q.ids()).containsExactly("20", "21");
        assertThat(q.rsm().max()).isEqualTo(10);
        assertThat(q.flip()).isTrue();
    }

    @Test
    void aDomainIsAValidWith() throws ArchiveException {
        assertThat(ArchiveQuery.parse(form("with", "Capulet.LIT"), Rsm.NONE, false).with()).isEqualTo("capulet.lit");
    }

    @Test
    void noFormIsEverything() throws ArchiveException {
        ArchiveQuery q = ArchiveQuery.parse(Map.of(), Rsm.NONE, false);
        assertThat(q).isEqualTo(ArchiveQuery.all(Rsm.NONE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2010-06-07", "2010-06-07T00:00:00", "2010-13-07T00:00:00Z",
            "2010-06-07 00:00:00Z", "2010-06-07T25:00:00Z", ""})
    void aDateThatIsNotXep0082IsBadRequest(String date) {
        assertThat(error(form("start", date), Rsm.NONE)).isEqualTo(ArchiveError.BAD_REQUEST);
        assertThat(error(form("end", date), Rsm.NONE)).isEqualTo(ArchiveError.BAD_REQUEST);
    }

    @Test
    void anUnknownFieldIsFeatureNotImplemented() {
        assertThat(error(form("{urn:example}search", "x"), Rsm.NONE)).isEqualTo(ArchiveError.FEATURE_NOT_IMPLEMENTED);
        assertThat(error(form("include-groupchat", "true"), Rsm.NONE))
                .isEqualTo(ArchiveError.FEATURE_NOT_IMPLEMENTED); // not advertised (#groupchat-field)
    }

    @Test
    void malformedInputIsBadRequest() {
        Map<String, List<String>> twoStarts = form();
        twoStarts.put("start", List.of("2010-06-07T00:00:00Z", "2011-06-07T00:00:00Z"));
        assertThat(error(twoStarts, Rsm.NONE)).as("two values for start").isEqualTo(ArchiveError.BAD_REQUEST);
        Map<String, List<String>> wrongType = new LinkedHashMap<>(Map.of("FORM_TYPE", List.of("urn:xmpp:mam:1")));
        assertThat(error(wrongType, Rsm.NONE)).as("FORM_TYPE").isEqualTo(ArchiveError.BAD_REQUEST);
        assertThat(error(form("with", "@example.org"), Rsm.NONE)).as("with").isEqualTo(ArchiveError.BAD_REQUEST);
        assertThat(error(form("with", "juliet@example.org/"), Rsm.NONE)).isEqualTo(ArchiveError.BAD_REQUEST);
        assertThat(error(form(), new Rsm(-1, null, null))).as("max < 0").isEqualTo(ArchiveError.BAD_REQUEST);
        assertThat(error(form(), new Rsm(10, "1", "2"))).as("after and before").isEqualTo(ArchiveError.BAD_REQUEST);
        assertThat(error(form(), new Rsm(10, "", null))).as("empty after").isEqualTo(ArchiveError.BAD_REQUEST);
        Map<String, List<String>> tooManyIds = form();
        tooManyIds.put("ids", java.util.Collections.nCopies(ArchiveQuery.MAX_IDS + 1, "1"));
        assertThat(error(tooManyIds, Rsm.NONE)).isEqualTo(ArchiveError.BAD_REQUEST);
    }

    @Test
    void idsAreParsedStrictly() {
        assertThat(ArchiveIds.parse("123")).hasValue(123);
        for (String bad : new String[] {"", "0", "-1", "+1", "1e3", "abc", "99999999999999999999", " 1"}) {
            assertThat(ArchiveIds.parse(bad)).as(bad).isEmpty();
        }
        assertThatThrownBy(() -> ArchiveQuery.parse(form("start", "x"), Rsm.NONE, false))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("start");
    }
}
