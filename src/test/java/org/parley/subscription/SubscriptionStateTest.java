package org.parley.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The nine states of RFC 6121 Appendix A.1 and what the roster shows of them. */
class SubscriptionStateTest {

    @ParameterizedTest(name = "{0}")
    @DisplayName("RFC 6121 A.1: roster attributes and who receives whose presence")
    @CsvSource(delimiter = '|', textBlock = """
            # A.1: "this is reflected in the user's roster by subscription='...' [and ask='subscribe']"
            # STATE | RFC NAME | subscription | pendingOut | pendingIn | user gets | contact gets | acceptsPreApproval
            NONE                | None                  | none    | false | false | false | false | true
            NONE_PENDING_OUT    | None + Pending Out    | none    | true  | false | false | false | true
            NONE_PENDING_IN     | None + Pending In     | none    | false | true  | false | false | false
            NONE_PENDING_OUT_IN | None + Pending Out+In | none    | true  | true  | false | false | false
            TO                  | To                    | to      | false | false | true  | false | true
            TO_PENDING_IN       | To + Pending In       | to      | false | true  | true  | false | false
            FROM                | From                  | from    | false | false | false | true  | false
            FROM_PENDING_OUT    | From + Pending Out    | from    | true  | false | false | true  | false
            BOTH                | Both                  | both    | false | false | true  | true  | false
            """)
    void accessors(SubscriptionState state, String rfcName, String subscription, boolean pendingOut,
            boolean pendingIn, boolean userReceives, boolean contactReceives, boolean preApprovable) {
        assertThat(state.rfcName()).isEqualTo(rfcName);
        assertThat(state.rosterSubscription()).isEqualTo(subscription);
        assertThat(state.pendingOut()).as("pendingOut (ask='subscribe')").isEqualTo(pendingOut);
        assertThat(state.pendingIn()).as("pendingIn").isEqualTo(pendingIn);
        assertThat(state.userReceivesContactPresence()).as("userReceivesContactPresence").isEqualTo(userReceives);
        assertThat(state.contactReceivesUserPresence()).as("contactReceivesUserPresence").isEqualTo(contactReceives);
        assertThat(state.acceptsPreApproval()).as("acceptsPreApproval").isEqualTo(preApprovable);
    }

    @ParameterizedTest
    @EnumSource(SubscriptionState.class)
    void ofIsTheInverseOfTheAccessors(SubscriptionState state) {
        assertThat(SubscriptionState.of(state.rosterSubscription(), state.pendingOut(), state.pendingIn()))
                .isSameAs(state);
    }

    @Test
    @DisplayName("the nine states are the only ones: 16 combinations of subscription x ask x pending-in, 7 impossible")
    void exactlyNineCombinationsExist() {
        int valid = 0;
        for (String subscription : new String[] {"none", "to", "from", "both"}) {
            for (boolean pendingOut : new boolean[] {false, true}) {
                for (boolean pendingIn : new boolean[] {false, true}) {
                    boolean possible = switch (subscription) {
                        case "none" -> true;
                        case "to" -> !pendingOut;
                        case "from" -> !pendingIn;
                        default -> !pendingOut && !pendingIn;
                    };
                    if (possible) {
                        valid++;
                        assertThat(SubscriptionState.of(subscription, pendingOut, pendingIn)).isNotNull();
                    } else {
                        assertThatThrownBy(() -> SubscriptionState.of(subscription, pendingOut, pendingIn))
                                .isInstanceOf(IllegalArgumentException.class)
                                .hasMessageContaining("subscription='" + subscription + "'");
                    }
                }
            }
        }
        assertThat(valid).isEqualTo(SubscriptionState.values().length);
    }

    @ParameterizedTest
    @CsvSource({"to, true, false", "to, true, true", "from, false, true", "from, true, true", "both, true, false",
        "both, false, true", "both, true, true"})
    @DisplayName("impossible combinations are rejected")
    void impossibleCombinationsAreRejected(String subscription, boolean pendingOut, boolean pendingIn) {
        assertThatThrownBy(() -> SubscriptionState.of(subscription, pendingOut, pendingIn))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"remove", "None", "BOTH", "''", "subscribe"})
    @DisplayName("a subscription value that is not none/to/from/both is rejected")
    void unknownSubscriptionValuesAreRejected(String subscription) {
        assertThatThrownBy(() -> SubscriptionState.of(subscription, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubscriptionState.of(null, false, false)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @CsvSource({"subscribe, SUBSCRIBE", "subscribed, SUBSCRIBED", "unsubscribe, UNSUBSCRIBE",
        "unsubscribed, UNSUBSCRIBED"})
    void subscriptionEventsRoundTripThroughThePresenceType(String type, SubscriptionEvent event) {
        assertThat(SubscriptionEvent.fromPresenceType(type)).isSameAs(event);
        assertThat(event.presenceType()).isEqualTo(type);
        assertThat(SubscriptionEvent.isSubscriptionType(type)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"unavailable", "probe", "error", "Subscribe", "''"})
    void otherPresenceTypesAreNotSubscriptionEvents(String type) {
        assertThat(SubscriptionEvent.isSubscriptionType(type)).isFalse();
        assertThatThrownBy(() -> SubscriptionEvent.fromPresenceType(type))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SubscriptionEvent.isSubscriptionType(null)).isFalse();
    }
}
