package org.parley.carbons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.carbons.MessageFacts.Direction.RECEIVED;
import static org.parley.carbons.MessageFacts.Direction.SENT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.carbons.CarbonRules.Rule;

/** XEP-0280 §6 as {@link CarbonRules}: every row of the table decides at least one case, in table order. */
class CarbonRulesTest {

    private static final String BODY = MessageFacts.element("jabber:client", "body");
    private static final String COMPOSING = MessageFacts.element(CarbonRules.CHAT_STATES, "composing");
    private static final String RECEIPT = MessageFacts.element(CarbonRules.RECEIPTS, "received");
    private static final String DISPLAYED = MessageFacts.element(CarbonRules.MARKERS, "displayed");
    private static final String PUBSUB_EVENT = MessageFacts.element("http://jabber.org/protocol/pubsub#event",
            "event");

    private static MessageFacts sent(String type, String... elements) {
        return facts(SENT, type, true, false, elements);
    }

    private static MessageFacts received(String type, String... elements) {
        return facts(RECEIVED, type, true, false, elements);
    }

    private static MessageFacts facts(MessageFacts.Direction direction, String type, boolean fromClient,
            boolean bounce, String... elements) {
        boolean body = Arrays.asList(elements).contains(BODY);
        return new MessageFacts(direction, type, body, fromClient, bounce, Set.of(elements));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("a <sent/> copy sent back in", sent("chat", CarbonRules.SENT, BODY), Rule.COPY_OF_COPY),
                Arguments.of("a <received/> copy routed to a user", received("chat", CarbonRules.RECEIVED),
                        Rule.COPY_OF_COPY),
                Arguments.of("§8 <private/> on a chat", sent("chat", BODY, CarbonRules.PRIVATE), Rule.PRIVATE),
                Arguments.of("§8 <private/> received", received("chat", BODY, CarbonRules.PRIVATE), Rule.PRIVATE),
                Arguments.of("XEP-0334 <no-copy/>", sent("chat", BODY, CarbonRules.NO_COPY), Rule.NO_COPY),
                Arguments.of("XEP-0334 <no-copy/> received", received(null, BODY, CarbonRules.NO_COPY),
                        Rule.NO_COPY),
                Arguments.of("the server's bounce", facts(RECEIVED, "error", true, true, BODY), Rule.SERVER_ERROR),
                Arguments.of("groupchat sent", sent("groupchat", BODY), Rule.GROUPCHAT),
                Arguments.of("groupchat received", received("groupchat", BODY, CarbonRules.MUC_USER_X),
                        Rule.GROUPCHAT),
                Arguments.of("a MUC PM from an occupant", received("chat", BODY, CarbonRules.MUC_USER_X),
                        Rule.MUC_PRIVATE_RECEIVED),
                Arguments.of("a MUC PM to an occupant is a chat", sent("chat", BODY, CarbonRules.MUC_USER_X),
                        Rule.CHAT),
                Arguments.of("a direct invitation (XEP-0249)", sent(null, CarbonRules.DIRECT_INVITE_X),
                        Rule.INVITATION),
                Arguments.of("a mediated invitation from the room's bare JID",
                        facts(RECEIVED, null, false, false, CarbonRules.MUC_USER_X, CarbonRules.MUC_INVITE),
                        Rule.INVITATION),
                Arguments.of("a PEP notification from a bare JID",
                        facts(RECEIVED, "headline", false, false, PUBSUB_EVENT), Rule.NOT_FROM_CLIENT),
                Arguments.of("a chat from the server or a bare JID", facts(RECEIVED, "chat", false, false, BODY),
                        Rule.NOT_FROM_CLIENT),
                Arguments.of("an error a client sent", received("error", BODY), Rule.CLIENT_ERROR),
                Arguments.of("an error a user's client sends", sent("error"), Rule.CLIENT_ERROR),
                Arguments.of("chat with a body", sent("chat", BODY), Rule.CHAT),
                Arguments.of("chat with only a chat state (§10.2)", received("chat", COMPOSING), Rule.CHAT),
                Arguments.of("type is case-insensitive", received("CHAT"), Rule.CHAT),
                Arguments.of("headline with a body", received("headline", BODY), Rule.HEADLINE),
                Arguments.of("normal with a body", sent("normal", BODY), Rule.NORMAL_WITH_BODY),
                Arguments.of("no type (normal) with a body", received(null, BODY), Rule.NORMAL_WITH_BODY),
                Arguments.of("an unknown type is normal", received("shout", BODY), Rule.NORMAL_WITH_BODY),
                Arguments.of("normal with a chat state", sent(null, COMPOSING), Rule.IM_PAYLOAD),
                Arguments.of("normal with a receipt", received(null, RECEIPT), Rule.IM_PAYLOAD),
                Arguments.of("normal with a chat marker", received("normal", DISPLAYED), Rule.IM_PAYLOAD),
                Arguments.of("normal without a body or IM payload", received(null, PUBSUB_EVENT), Rule.OTHERWISE),
                Arguments.of("an empty message", sent(null), Rule.OTHERWISE));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("table")
    @DisplayName("XEP-0280 §6: the first matching row decides")
    void decides(String name, MessageFacts facts, Rule expected) {
        assertThat(CarbonRules.decide(facts)).isEqualTo(expected);
        assertThat(CarbonRules.eligible(facts)).isEqualTo(expected.copied());
    }

    @Test
    @DisplayName("every row of the table is exercised above")
    void everyRowCovered() {
        EnumSet<Rule> seen = EnumSet.noneOf(Rule.class);
        table().forEach(a -> seen.add((Rule) a.get()[2]));
        assertThat(seen).containsExactlyInAnyOrder(Rule.values());
    }

    @Test
    @DisplayName("the copied rows are exactly the eligible ones of §6 (and invitations)")
    void copiedRows() {
        assertThat(Arrays.stream(Rule.values()).filter(Rule::copied))
                .containsExactly(Rule.INVITATION, Rule.CLIENT_ERROR, Rule.CHAT, Rule.NORMAL_WITH_BODY,
                        Rule.IM_PAYLOAD);
    }
}
