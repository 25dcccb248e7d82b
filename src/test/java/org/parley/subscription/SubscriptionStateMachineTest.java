package org.parley.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.subscription.SubscriptionStateMachine.Transition;

/**
 * RFC 6121 Appendix A, one row per table cell. The rows copy the RFC's tables as printed (state names, "MUST",
 * "S.N." = SHOULD NOT, "M.N." = MUST NOT, footnote marks); only the first two columns (direction, presence type) and
 * the last (the auto-reply a footnote asks for) are added. Review the rows against the RFC, not against the code.
 */
class SubscriptionStateMachineTest {

    @ParameterizedTest(name = "{0} {1} in \"{2}\": {3}, {4}, auto-reply {5}")
    @DisplayName("RFC 6121 Appendix A tables")
    @CsvSource(delimiter = '|', textBlock = """
            # RFC 6121 A.2.1 Subscribe. Table 2: Processing of outbound "subscribe" stanzas
            #   [1] A state change to "pending out" includes setting the 'ask' flag to a value of "subscribe" in the
            #       user's roster.
            # DIRECTION | TYPE | EXISTING STATE       | ROUTE?   | NEW STATE              | AUTO-REPLY
            OUTBOUND | subscribe | None                  | MUST [1] | None + Pending Out     | -
            OUTBOUND | subscribe | None + Pending Out    | MUST     | no state change        | -
            OUTBOUND | subscribe | None + Pending In     | MUST [1] | None + Pending Out+In  | -
            OUTBOUND | subscribe | None + Pending Out+In | MUST     | no state change        | -
            OUTBOUND | subscribe | To                    | MUST     | no state change        | -
            OUTBOUND | subscribe | To + Pending In       | MUST     | no state change        | -
            OUTBOUND | subscribe | From                  | MUST [1] | From + Pending Out     | -
            OUTBOUND | subscribe | From + Pending Out    | MUST     | no state change        | -
            OUTBOUND | subscribe | Both                  | MUST     | no state change        | -

            # RFC 6121 A.2.2 Unsubscribe. Table 3: Processing of outbound "unsubscribe" stanzas
            # DIRECTION | TYPE | EXISTING STATE         | ROUTE? | NEW STATE            | AUTO-REPLY
            OUTBOUND | unsubscribe | None                  | MUST | no state change      | -
            OUTBOUND | unsubscribe | None + Pending Out    | MUST | None                 | -
            OUTBOUND | unsubscribe | None + Pending In     | MUST | no state change      | -
            OUTBOUND | unsubscribe | None + Pending Out+In | MUST | None + Pending In    | -
            OUTBOUND | unsubscribe | To                    | MUST | None                 | -
            OUTBOUND | unsubscribe | To + Pending In       | MUST | None + Pending In    | -
            OUTBOUND | unsubscribe | From                  | MUST | no state change      | -
            OUTBOUND | unsubscribe | From + Pending Out    | MUST | From                 | -
            OUTBOUND | unsubscribe | Both                  | MUST | From                 | -

            # RFC 6121 A.2.3 Subscribed. Table 4: Processing of outbound "subscribed" stanzas
            #   [1] Detailed information regarding subscription pre-approval is provided under Section 3.4.
            # DIRECTION | TYPE | EXISTING STATE        | ROUTE? | NEW STATE            | AUTO-REPLY
            OUTBOUND | subscribed | None                  | M.N. | pre-approval [1]     | -
            OUTBOUND | subscribed | None + Pending Out    | M.N. | pre-approval [1]     | -
            OUTBOUND | subscribed | None + Pending In     | MUST | From                 | -
            OUTBOUND | subscribed | None + Pending Out+In | MUST | From + Pending Out   | -
            OUTBOUND | subscribed | To                    | M.N. | pre-approval [1]     | -
            OUTBOUND | subscribed | To + Pending In       | MUST | Both                 | -
            OUTBOUND | subscribed | From                  | M.N. | no state change      | -
            OUTBOUND | subscribed | From + Pending Out    | M.N. | no state change      | -
            OUTBOUND | subscribed | Both                  | M.N. | no state change      | -

            # RFC 6121 A.2.4 Unsubscribed. Table 5: Processing of outbound "unsubscribed" stanzas
            #   [1] This event can result in cancellation of a subscription pre-approval, as described under
            #       Section 3.4 (see the pre-approval test below).
            # DIRECTION | TYPE | EXISTING STATE          | ROUTE? | NEW STATE            | AUTO-REPLY
            OUTBOUND | unsubscribed | None                  | S.N. | no state change [1]  | -
            OUTBOUND | unsubscribed | None + Pending Out    | S.N. | no state change [1]  | -
            OUTBOUND | unsubscribed | None + Pending In     | MUST | None                 | -
            OUTBOUND | unsubscribed | None + Pending Out+In | MUST | None + Pending Out   | -
            OUTBOUND | unsubscribed | To                    | S.N. | no state change [1]  | -
            OUTBOUND | unsubscribed | To + Pending In       | MUST | To                   | -
            OUTBOUND | unsubscribed | From                  | MUST | None                 | -
            OUTBOUND | unsubscribed | From + Pending Out    | MUST | None + Pending Out   | -
            OUTBOUND | unsubscribed | Both                  | MUST | To                   | -

            # RFC 6121 A.3.1 Subscribe. Table 6: Processing of inbound "subscribe" stanzas
            #   [1] If the user previously sent presence of type "subscribed" as described under Appendix A.2.3 and
            #       Section 3.4, then the server MAY auto-reply with "subscribed" and change the state to "From"
            #       rather than "None + Pending In" (see the pre-approval test below).
            #   [2] Server SHOULD auto-reply with "subscribed".
            # DIRECTION | TYPE | EXISTING STATE       | DELIVER?  | NEW STATE              | AUTO-REPLY
            INBOUND | subscribe | None                  | MUST [1]  | None + Pending In      | -
            INBOUND | subscribe | None + Pending Out    | MUST      | None + Pending Out+In  | -
            INBOUND | subscribe | None + Pending In     | S.N.      | no state change        | -
            INBOUND | subscribe | None + Pending Out+In | S.N.      | no state change        | -
            INBOUND | subscribe | To                    | MUST      | To + Pending In        | -
            INBOUND | subscribe | To + Pending In       | S.N.      | no state change        | -
            INBOUND | subscribe | From                  | S.N. [2]  | no state change        | subscribed
            INBOUND | subscribe | From + Pending Out    | S.N. [2]  | no state change        | subscribed
            INBOUND | subscribe | Both                  | S.N. [2]  | no state change        | subscribed

            # RFC 6121 A.3.2 Unsubscribe. Table 7: Processing of inbound "unsubscribe" stanzas
            #   [1] Server SHOULD auto-reply with "unsubscribed".
            # DIRECTION | TYPE | EXISTING STATE         | DELIVER?  | NEW STATE             | AUTO-REPLY
            INBOUND | unsubscribe | None                  | S.N.      | no state change       | -
            INBOUND | unsubscribe | None + Pending Out    | S.N.      | no state change       | -
            INBOUND | unsubscribe | None + Pending In     | MUST [1]  | None                  | unsubscribed
            INBOUND | unsubscribe | None + Pending Out+In | MUST [1]  | None + Pending Out    | unsubscribed
            INBOUND | unsubscribe | To                    | S.N.      | no state change       | -
            INBOUND | unsubscribe | To + Pending In       | MUST [1]  | To                    | unsubscribed
            INBOUND | unsubscribe | From                  | MUST [1]  | None                  | unsubscribed
            INBOUND | unsubscribe | From + Pending Out    | MUST [1]  | None + Pending Out    | unsubscribed
            INBOUND | unsubscribe | Both                  | MUST [1]  | To                    | unsubscribed

            # RFC 6121 A.3.3 Subscribed. Table 8: Processing of inbound "subscribed" stanzas
            # DIRECTION | TYPE | EXISTING STATE        | DELIVER? | NEW STATE            | AUTO-REPLY
            INBOUND | subscribed | None                  | S.N.     | no state change      | -
            INBOUND | subscribed | None + Pending Out    | MUST     | To                   | -
            INBOUND | subscribed | None + Pending In     | S.N.     | no state change      | -
            INBOUND | subscribed | None + Pending Out+In | MUST     | To + Pending In      | -
            INBOUND | subscribed | To                    | S.N.     | no state change      | -
            INBOUND | subscribed | To + Pending In       | S.N.     | no state change      | -
            INBOUND | subscribed | From                  | S.N.     | no state change      | -
            INBOUND | subscribed | From + Pending Out    | MUST     | Both                 | -
            INBOUND | subscribed | Both                  | S.N.     | no state change      | -

            # RFC 6121 A.3.4 Unsubscribed. Table 9: Processing of inbound "unsubscribed" stanzas
            # DIRECTION | TYPE | EXISTING STATE          | DELIVER? | NEW STATE            | AUTO-REPLY
            INBOUND | unsubscribed | None                  | S.N.     | no state change      | -
            INBOUND | unsubscribed | None + Pending Out    | MUST     | None                 | -
            INBOUND | unsubscribed | None + Pending In     | S.N.     | no state change      | -
            INBOUND | unsubscribed | None + Pending Out+In | MUST     | None + Pending In    | -
            INBOUND | unsubscribed | To                    | MUST     | None                 | -
            INBOUND | unsubscribed | To + Pending In       | MUST     | None + Pending In    | -
            INBOUND | unsubscribed | From                  | S.N.     | no state change      | -
            INBOUND | unsubscribed | From + Pending Out    | MUST     | From                 | -
            INBOUND | unsubscribed | Both                  | MUST     | From                 | -
            """)
    void appendixA(Direction direction, String type, String existingState, String routeOrDeliver, String newState,
            String autoReply) {
        SubscriptionState current = rfcState(existingState);

        Transition transition = SubscriptionStateMachine.apply(current, direction,
                SubscriptionEvent.fromPresenceType(type));

        String expectedNew = withoutFootnote(newState);
        SubscriptionState expectedState = switch (expectedNew) {
            case "no state change", "pre-approval" -> current;
            default -> rfcState(expectedNew);
        };
        assertThat(transition.next()).as("NEW STATE").isEqualTo(expectedState);
        assertThat(transition.route()).as("ROUTE?/DELIVER?").isEqualTo(must(routeOrDeliver));
        assertThat(transition.autoReply()).as("auto-reply").isEqualTo(reply(autoReply));
        assertThat(transition.preApproved()).as("pre-approval recorded").isEqualTo(expectedNew.equals("pre-approval"));
    }

    /**
     * RFC 6121 §3.4.2 Server Processing of Subscription Pre-Approval, for a roster item that carries a pre-approval
     * ('approved' flag "true"), which only "None", "None + Pending Out" and "To" can: all eight stanzas in each.
     */
    @ParameterizedTest(name = "{0} {1} in \"{2}\" + approved: {3}, {4}, auto-reply {5}, approved after: {6}")
    @DisplayName("RFC 6121 §3.4 pre-approval")
    @CsvSource(delimiter = '|', textBlock = """
            # §3.4.2: "When the 'approved' flag is set to "true", the user's server MUST NOT deliver a presence stanza
            # of type "subscribe" from the contact to the user, but instead MUST automatically respond to such a
            # stanza on behalf of the user by returning a presence stanza of type "subscribed" from the bare JID of
            # the user to the bare JID of the contact." (Table 6 [1]: "change the state to "From" rather than
            # "None + Pending In"".) Parley keeps no record of the approval once used (the Implementation Note makes
            # that "a matter of implementation or local service policy").
            # DIRECTION | TYPE | EXISTING STATE    | DELIVER? | NEW STATE           | AUTO-REPLY | APPROVED AFTER
            INBOUND | subscribe    | None                  | M.N. | From                | subscribed | false
            INBOUND | subscribe    | None + Pending Out    | M.N. | From + Pending Out  | subscribed | false
            INBOUND | subscribe    | To                    | M.N. | Both                | subscribed | false

            # §3.2.2 step 2: "If the user's bare JID is in the contact's roster with a state of "None", "None +
            # Pending Out", or "To" and the 'approved' flag is set to "true" [...], the contact's server MUST remove
            # the pre-approval and MUST NOT route or deliver the presence stanza of type "unsubscribed" to the user."
            # DIRECTION | TYPE | EXISTING STATE    | ROUTE?   | NEW STATE           | AUTO-REPLY | APPROVED AFTER
            OUTBOUND | unsubscribed | None                  | M.N. | no state change     | -          | false
            OUTBOUND | unsubscribed | None + Pending Out    | M.N. | no state change     | -          | false
            OUTBOUND | unsubscribed | To                    | M.N. | no state change     | -          | false

            # §3.4.2 step 3: "If the contact is in the user's roster with a state of "To", "None", or "None + Pending
            # Out", the user's server MUST note the subscription pre-approval [...] However, the user's server MUST
            # NOT route the presence stanza of type "subscribed" to the contact." (A repeated pre-approval changes
            # nothing.)
            OUTBOUND | subscribed   | None                  | M.N. | no state change     | -          | true
            OUTBOUND | subscribed   | None + Pending Out    | M.N. | no state change     | -          | true
            OUTBOUND | subscribed   | To                    | M.N. | no state change     | -          | true

            # Every other stanza follows Tables 2-9 and keeps the approval. §3.4.2 Implementation Note: the server
            # "will always include the 'approved' attribute (set to "true") in the roster item for the contact, until
            # and unless the user sends a presence stanza of type "unsubscribed" to the contact (or removes the
            # contact from the roster entirely)."
            OUTBOUND | subscribe    | None                  | MUST | None + Pending Out  | -          | true
            OUTBOUND | subscribe    | None + Pending Out    | MUST | no state change     | -          | true
            OUTBOUND | subscribe    | To                    | MUST | no state change     | -          | true
            OUTBOUND | unsubscribe  | None                  | MUST | no state change     | -          | true
            OUTBOUND | unsubscribe  | None + Pending Out    | MUST | None                | -          | true
            OUTBOUND | unsubscribe  | To                    | MUST | None                | -          | true
            INBOUND  | unsubscribe  | None                  | S.N. | no state change     | -          | true
            INBOUND  | unsubscribe  | None + Pending Out    | S.N. | no state change     | -          | true
            INBOUND  | unsubscribe  | To                    | S.N. | no state change     | -          | true
            INBOUND  | subscribed   | None                  | S.N. | no state change     | -          | true
            INBOUND  | subscribed   | None + Pending Out    | MUST | To                  | -          | true
            INBOUND  | subscribed   | To                    | S.N. | no state change     | -          | true
            INBOUND  | unsubscribed | None                  | S.N. | no state change     | -          | true
            INBOUND  | unsubscribed | None + Pending Out    | MUST | None                | -          | true
            INBOUND  | unsubscribed | To                    | MUST | None                | -          | true
            """)
    void preApproval(Direction direction, String type, String existingState, String routeOrDeliver, String newState,
            String autoReply, boolean approvedAfter) {
        SubscriptionState current = rfcState(existingState);

        Transition transition = SubscriptionStateMachine.apply(current, direction,
                SubscriptionEvent.fromPresenceType(type), true);

        SubscriptionState expectedState = newState.equals("no state change") ? current : rfcState(newState);
        assertThat(transition.next()).as("NEW STATE").isEqualTo(expectedState);
        assertThat(transition.route()).as("ROUTE?/DELIVER?").isEqualTo(must(routeOrDeliver));
        assertThat(transition.autoReply()).as("auto-reply").isEqualTo(reply(autoReply));
        assertThat(transition.preApproved()).as("approved after").isEqualTo(approvedAfter);
    }

    @Test
    @DisplayName("the tables above have exactly one row per state, direction and type (9 x 2 x 4 = 72)")
    void everyCellHasExactlyOneRow() throws NoSuchMethodException {
        List<String> keys = rowKeys("appendixA", String.class);
        assertThat(keys).hasSize(72).doesNotHaveDuplicates();
        Set<String> expected = new HashSet<>();
        for (Direction direction : Direction.values()) {
            for (SubscriptionEvent event : SubscriptionEvent.values()) {
                for (SubscriptionState state : SubscriptionState.values()) {
                    expected.add(direction + "|" + event.presenceType() + "|" + state.rfcName());
                }
            }
        }
        assertThat(keys).containsExactlyInAnyOrderElementsOf(expected);
        Set<String> preApprovable = new HashSet<>();
        for (String key : expected) {
            if (key.endsWith("|None") || key.endsWith("|None + Pending Out") || key.endsWith("|To")) {
                preApprovable.add(key);
            }
        }
        assertThat(rowKeys("preApproval", boolean.class)).hasSize(24)
                .containsExactlyInAnyOrderElementsOf(preApprovable);
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionState.class, names = {"NONE", "NONE_PENDING_OUT", "TO"},
            mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("a pre-approval in a state that cannot hold one (§3.4.2 steps 1-2) is a bug")
    void preApprovalOnlyWhereTheRfcRecordsOne(SubscriptionState state) {
        assertThat(state.acceptsPreApproval()).isFalse();
        for (Direction direction : Direction.values()) {
            for (SubscriptionEvent event : SubscriptionEvent.values()) {
                assertThatThrownBy(() -> SubscriptionStateMachine.apply(state, direction, event, true))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThatThrownBy(() -> new Transition(state, false, Optional.empty(), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> SubscriptionStateMachine.apply(null, Direction.INBOUND, SubscriptionEvent.SUBSCRIBE))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SubscriptionStateMachine.apply(SubscriptionState.NONE, null,
                SubscriptionEvent.SUBSCRIBE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SubscriptionStateMachine.apply(SubscriptionState.NONE, Direction.INBOUND, null))
                .isInstanceOf(NullPointerException.class);
    }

    /** "direction|type|existing state" of every row of the named test's {@code @CsvSource}. */
    private static List<String> rowKeys(String method, Class<?> lastParameter) throws NoSuchMethodException {
        List<Class<?>> parameters = new ArrayList<>(List.of(Direction.class, String.class, String.class,
                String.class, String.class, String.class));
        if (lastParameter == boolean.class) {
            parameters.add(boolean.class);
        }
        CsvSource source = SubscriptionStateMachineTest.class
                .getDeclaredMethod(method, parameters.toArray(Class<?>[]::new)).getAnnotation(CsvSource.class);
        List<String> keys = new ArrayList<>();
        for (String line : source.textBlock().split("\n")) {
            String row = line.strip();
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            String[] cells = row.split("\\|");
            keys.add(cells[0].strip() + "|" + cells[1].strip() + "|" + cells[2].strip());
        }
        return keys;
    }

    private static SubscriptionState rfcState(String name) {
        for (SubscriptionState state : SubscriptionState.values()) {
            if (state.rfcName().equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("not an RFC 6121 state name: " + name);
    }

    /** "MUST" → true; "S.N." (SHOULD NOT) and "M.N." (MUST NOT) → false. */
    private static boolean must(String column) {
        return switch (withoutFootnote(column)) {
            case "MUST" -> true;
            case "S.N.", "M.N." -> false;
            default -> throw new IllegalArgumentException("not a ROUTE?/DELIVER? value: " + column);
        };
    }

    private static Optional<SubscriptionEvent> reply(String column) {
        return column.equals("-") ? Optional.empty() : Optional.of(SubscriptionEvent.fromPresenceType(column));
    }

    private static String withoutFootnote(String cell) {
        return cell.replaceAll("\\s*\\[\\d]$", "");
    }
}
