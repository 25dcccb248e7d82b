package org.parley.csi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.csi.Outgoing.Kind;

/** The rule table, row by row (every {@link Urgency} has a case here; {@link #everyRowIsCovered} checks it). */
class UrgencyTest {

    private static final String USER = "juliet@capulet.lit";
    private static final String CONTACT = "romeo@montague.lit/orchard";
    private static final String CONTACT_BARE = "romeo@montague.lit";

    private static Outgoing presence(String type) {
        return new Outgoing(Kind.PRESENCE, type, CONTACT, CONTACT_BARE, false, false, false, false, false, false);
    }

    private static Outgoing message(String type, boolean toFull, boolean body, boolean carbon, boolean carbonBody,
            boolean chatState, boolean pep, String fromBare) {
        return new Outgoing(Kind.MESSAGE, type, fromBare + "/r", fromBare, toFull, body, carbon, carbonBody,
                chatState, pep);
    }

    private static Outgoing plainMessage(boolean toFull) {
        return message("chat", toFull, false, false, false, false, false, CONTACT_BARE);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("message error", message("error", false, false, false, false, false, false,
                        CONTACT_BARE), Urgency.ERROR),
                Arguments.of("presence error", presence("error"), Urgency.ERROR),
                Arguments.of("iq error", new Outgoing(Kind.IQ, "error", CONTACT, CONTACT_BARE, true, false, false,
                        false, false, false), Urgency.ERROR),
                Arguments.of("iq get", new Outgoing(Kind.IQ, "get", CONTACT, CONTACT_BARE, true, false, false, false,
                        false, false), Urgency.IQ),
                Arguments.of("iq result", new Outgoing(Kind.IQ, "result", null, null, true, false, false, false,
                        false, false), Urgency.IQ),
                Arguments.of("subscribe", presence("subscribe"), Urgency.SUBSCRIPTION),
                Arguments.of("subscribed", presence("subscribed"), Urgency.SUBSCRIPTION),
                Arguments.of("unsubscribe", presence("unsubscribe"), Urgency.SUBSCRIPTION),
                Arguments.of("unsubscribed", presence("unsubscribed"), Urgency.SUBSCRIPTION),
                Arguments.of("available", presence(null), Urgency.PRESENCE_CHANGE),
                Arguments.of("unavailable", presence("unavailable"), Urgency.PRESENCE_CHANGE),
                Arguments.of("probe", presence("probe"), Urgency.OTHER_PRESENCE),
                Arguments.of("chat with body to bare JID", message("chat", false, true, false, false, false, false,
                        CONTACT_BARE), Urgency.BODY),
                Arguments.of("headline with body", message("headline", false, true, false, false, false, false,
                        CONTACT_BARE), Urgency.BODY),
                Arguments.of("body and chat state", message("chat", true, true, false, false, true, false,
                        CONTACT_BARE), Urgency.BODY),
                Arguments.of("carbon received with body", message("chat", true, false, true, true, false, false,
                        USER), Urgency.CARBON_WITH_BODY),
                Arguments.of("carbon of a chat state", message("chat", true, false, true, false, false, false,
                        USER), Urgency.CARBON),
                Arguments.of("own PEP (bookmarks)", message("headline", true, false, false, false, false, true,
                        USER), Urgency.OWN_PEP),
                Arguments.of("contact's PEP to full JID", message("headline", true, false, false, false, false, true,
                        CONTACT_BARE), Urgency.PEP),
                Arguments.of("chat state to full JID", message("chat", true, false, false, false, true, false,
                        CONTACT_BARE), Urgency.CHAT_STATE),
                Arguments.of("chat state to bare JID", message("chat", false, false, false, false, true, false,
                        CONTACT_BARE), Urgency.CHAT_STATE),
                Arguments.of("receipt to full JID", plainMessage(true), Urgency.TO_FULL_JID),
                Arguments.of("receipt to bare JID", plainMessage(false), Urgency.OTHER_MESSAGE),
                Arguments.of("a nonza", new Outgoing(Kind.OTHER, null, null, null, false, false, false, false, false,
                        false), Urgency.OTHER));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("table")
    void row(String description, Outgoing stanza, Urgency expected) {
        assertThat(Urgency.of(stanza, USER)).isEqualTo(expected);
    }

    @Test
    void everyRowIsCovered() {
        Set<Urgency> covered = table().map(a -> (Urgency) a.get()[2]).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Urgency.class));
    }

    @Test
    void urgentRowsAreTheOnesThatWakeTheClient() {
        assertThat(EnumSet.allOf(Urgency.class).stream().filter(u -> !u.urgent()))
                .containsExactlyInAnyOrder(Urgency.PRESENCE_CHANGE, Urgency.CARBON, Urgency.PEP, Urgency.CHAT_STATE,
                        Urgency.OTHER_MESSAGE);
    }

    @Test
    void presenceCoalescesPerContactFullJidAndChatStatesPerContact() {
        assertThat(Urgency.PRESENCE_CHANGE.coalescingKey(presence(null)))
                .isEqualTo(Urgency.PRESENCE_CHANGE.coalescingKey(presence("unavailable")))
                .contains(CONTACT);
        Outgoing other = new Outgoing(Kind.PRESENCE, null, CONTACT_BARE + "/phone", CONTACT_BARE, false, false,
                false, false, false, false);
        assertThat(Urgency.PRESENCE_CHANGE.coalescingKey(other))
                .isNotEqualTo(Urgency.PRESENCE_CHANGE.coalescingKey(presence(null)));
        Outgoing typing = message("chat", true, false, false, false, true, false, CONTACT_BARE);
        assertThat(Urgency.CHAT_STATE.coalescingKey(typing)).contains(CONTACT_BARE)
                .isNotEqualTo(Urgency.PRESENCE_CHANGE.coalescingKey(presence(null)));
        assertThat(Urgency.PEP.coalescingKey(typing)).isNull();
        assertThat(Urgency.OTHER_MESSAGE.coalescingKey(typing)).isNull();
        assertThat(Urgency.PRESENCE_CHANGE.coalescingKey(new Outgoing(Kind.PRESENCE, null, null, null, false, false,
                false, false, false, false))).isNull();
    }
}
