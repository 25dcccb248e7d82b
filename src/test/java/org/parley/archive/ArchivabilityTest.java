package org.parley.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The archivability table, one row per case (XEP-0313 §5.1.1, XEP-0334 §4). */
class ArchivabilityTest {

    @ParameterizedTest(name = "type={0} body={1} store={2} no-store={3} no-permanent-store={4} → {5}")
    @CsvSource(nullValues = "-", value = {
            // type,    body,  store, no-store, no-perm, kept
            "chat,      true,  false, false,    false,   true",   // §5.1.1: chat with a body
            "normal,    true,  false, false,    false,   true",   // §5.1.1: normal with a body
            "-,         true,  false, false,    false,   true",   // no type is normal (RFC 6120 §8.2.1)
            "chat,      false, false, false,    false,   false",  // chat states, receipts, markers
            "chat,      false, true,  false,    false,   true",   // XEP-0334 <store/>: kept without a body
            "headline,  true,  false, false,    false,   false",  // §5.1.1: not suggested
            "headline,  false, true,  false,    false,   true",   // ... unless <store/> asks
            "groupchat, true,  false, false,    false,   false",  // the room's archive keeps it
            "groupchat, true,  true,  false,    false,   false",  // ... even with <store/>
            "error,     true,  false, false,    false,   false",  // an error is never kept
            "error,     true,  true,  false,    false,   false",
            "chat,      true,  false, false,    true,    false",  // XEP-0334 <no-permanent-store/>
            "chat,      true,  false, true,     false,   false",  // XEP-0334 <no-store/>
            "chat,      true,  true,  false,    true,    false",  // the refusal wins over <store/>
    })
    void table(String type, boolean body, boolean store, boolean noStore, boolean noPermanentStore, boolean kept) {
        Archivability.Message m = new Archivability.Message(type, body, store, noStore, noPermanentStore);
        assertThat(Archivability.keeps(m)).as(Archivability.rule(m).why()).isEqualTo(kept);
    }
}
