package org.parley.archive.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.stanza.MessageStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.junit.jupiter.api.Test;
import org.parley.archive.ArchiveDefault;
import org.parley.archive.ArchiveService;
import org.parley.archive.ArchiveStore;
import org.parley.archive.ArchiveWriter;
import org.parley.archive.ArchivedMessage;
import org.parley.archive.InMemoryArchiveStore;
import org.parley.xmpp.BareJid;

/** The archive's routing listener: what it keeps, how it stamps, and what it undoes (ADR 0022). */
class ArchiveListenerTest {

    private static final BareJid ROMEO = BareJid.parse("romeo@example.org");
    private static final BareJid JULIET = BareJid.parse("juliet@example.org");
    private static final ArchiveStore.Range ALL = new ArchiveStore.Range(null, null, 1, Long.MAX_VALUE, null);

    private final InMemoryArchiveStore store = new InMemoryArchiveStore(Set.of(ROMEO, JULIET)::contains);
    private final ArchiveListener listener = new ArchiveListener("example.org",
            new ArchiveService(store, ArchiveDefault.ALWAYS, (a, b) -> false),
            new ArchiveWriter(store, 16, 0, Clock.systemUTC()));

    private static StanzaBuilder chat(String from, String to, String body) {
        return StanzaBuilder.createMessageStanza(EntityImpl.parseUnchecked(from), EntityImpl.parseUnchecked(to),
                MessageStanzaType.CHAT, null, body);
    }

    private static StanzaBuilder withStanzaId(StanzaBuilder b, String by, String id) {
        return b.startInnerElement("stanza-id", MamStanzas.SID).addAttribute("by", by).addAttribute("id", id)
                .endInnerElement();
    }

    private static List<XMLElement> stanzaIds(Stanza s) {
        return s.getInnerElementsNamed("stanza-id", MamStanzas.SID);
    }

    private List<ArchivedMessage> archive(BareJid owner) {
        return store.read(owner, ALL, false, 100);
    }

    @Test
    void archivesBothSidesAndStampsTheRecipientsCopy() {
        Stanza routed = listener.routing(JULIET, null, chat("romeo@example.org/phone", "juliet@example.org", "hi")
                .build());
        assertThat(archive(JULIET)).hasSize(1);
        assertThat(archive(ROMEO)).hasSize(1);
        assertThat(archive(ROMEO).get(0).outgoing()).isTrue();
        assertThat(archive(ROMEO).get(0).with()).isEqualTo(JULIET.toString());
        assertThat(stanzaIds(routed)).singleElement().satisfies(sid -> {
            assertThat(sid.getAttributeValue("by")).isEqualTo("juliet@example.org");
            assertThat(sid.getAttributeValue("id")).isEqualTo(archive(JULIET).get(0).archiveId());
        });
        assertThat(archive(JULIET).get(0).stanza()).as("stored without the stamp").doesNotContain("stanza-id");
    }

    @Test
    void removesStanzaIdsForgedInEitherArchivesNameOnly() {
        StanzaBuilder b = chat("romeo@example.org/phone", "juliet@example.org", "trust me");
        withStanzaId(b, "juliet@example.org", "forged-for-juliet");
        withStanzaId(b, "romeo@example.org", "forged-for-romeo");
        withStanzaId(b, "muc.example.net", "someone-elses");
        Stanza routed = listener.routing(JULIET, null, b.build());
        assertThat(stanzaIds(routed)).extracting(e -> e.getAttributeValue("id"))
                .containsExactly("someone-elses", archive(JULIET).get(0).archiveId());
    }

    @Test
    void keepsNothingThatIsNotAConversation() {
        Stanza state = StanzaBuilder.createMessageStanza(EntityImpl.parseUnchecked("romeo@example.org/phone"),
                EntityImpl.parseUnchecked("juliet@example.org"), MessageStanzaType.CHAT, null, null)
                .startInnerElement("active", "http://jabber.org/protocol/chatstates").endInnerElement().build();
        assertThat(listener.routing(JULIET, null, state)).isSameAs(state);
        assertThat(archive(JULIET)).isEmpty();
        assertThat(archive(ROMEO)).isEmpty();
    }

    @Test
    void aBounceOfTheStampedMessageTakesItOutOfTheRecipientsArchiveOnly() {
        Stanza routed = listener.routing(JULIET, null, chat("romeo@example.org/phone", "juliet@example.org", "x")
                .build());
        listener.bounced(routed, routed);
        assertThat(archive(JULIET)).isEmpty();
        assertThat(archive(ROMEO)).hasSize(1);
    }

    @Test
    void aBounceOfAnythingElseDeletesNothing() {
        listener.routing(JULIET, null, chat("romeo@example.org/phone", "juliet@example.org", "x").build());
        String id = archive(JULIET).get(0).archiveId();
        Stanza forged = withStanzaId(chat("romeo@example.org/phone", "juliet@example.org", "y"),
                "juliet@example.org", id).build();
        listener.bounced(forged, forged);
        assertThat(archive(JULIET)).hasSize(1);
    }

    @Test
    void aMessageHandedBackByAClosedSessionIsNotArchivedTwice() {
        Stanza routed = listener.routing(JULIET, null, chat("romeo@example.org/phone", "juliet@example.org", "x")
                .build());
        listener.sessionEnded(null, List.of(routed));
        assertThat(listener.routing(JULIET, null, routed)).isSameAs(routed);
        assertThat(archive(JULIET)).hasSize(1);
        assertThat(archive(ROMEO)).hasSize(1);
    }

    @Test
    void aRecipientWithoutAccountGetsNoStampButTheSenderKeepsTheMessage() {
        BareJid nobody = BareJid.parse("nobody@example.org");
        Stanza routed = listener.routing(nobody, null, chat("romeo@example.org/phone", "nobody@example.org", "x")
                .build());
        assertThat(stanzaIds(routed)).isEmpty();
        assertThat(archive(ROMEO)).hasSize(1);
    }

    @Test
    void aNoteToSelfIsKeptOnce() {
        listener.routing(ROMEO, "tablet", chat("romeo@example.org/phone", "romeo@example.org/tablet", "x").build());
        assertThat(archive(ROMEO)).hasSize(1);
    }
}
