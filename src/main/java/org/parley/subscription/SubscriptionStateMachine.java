package org.parley.subscription;

import static org.parley.subscription.SubscriptionState.BOTH;
import static org.parley.subscription.SubscriptionState.FROM;
import static org.parley.subscription.SubscriptionState.FROM_PENDING_OUT;
import static org.parley.subscription.SubscriptionState.NONE;
import static org.parley.subscription.SubscriptionState.NONE_PENDING_IN;
import static org.parley.subscription.SubscriptionState.NONE_PENDING_OUT;
import static org.parley.subscription.SubscriptionState.NONE_PENDING_OUT_IN;
import static org.parley.subscription.SubscriptionState.TO;
import static org.parley.subscription.SubscriptionState.TO_PENDING_IN;

import java.util.Objects;
import java.util.Optional;

/**
 * The server's processing of subscription-related presence stanzas, RFC 6121 Appendix A.2 (outbound, Tables 2-5) and
 * A.3 (inbound, Tables 6-9), with subscription pre-approval (§3.4). One method per table; each is a switch expression
 * over all nine states, so a missing row does not compile.
 *
 * <p>Pure functions without state. "MUST" in a table's ROUTE?/DELIVER? column means {@link Transition#route()} is
 * true; "SHOULD NOT" (S.N.) and "MUST NOT" (M.N.) both mean false.
 */
public final class SubscriptionStateMachine {

    private SubscriptionStateMachine() {
    }

    /**
     * What the user's server does with one subscription-related presence stanza, and the user's roster item after it.
     *
     * @param next the state of the user's roster item for the contact afterwards (equal to the current state where
     *     the RFC table says "no state change" or "pre-approval")
     * @param route for {@link Direction#OUTBOUND}: route the stanza to the contact (Appendix A.2 "ROUTE?"); for
     *     {@link Direction#INBOUND}: deliver it to the user's resources (Appendix A.3 "DELIVER?")
     * @param autoReply a stanza of this type that the user's server sends on the user's behalf, from the user's bare
     *     JID to the contact's bare JID, in answer to an inbound stanza (A.3.1 [2], A.3.2 [1], §3.1.3 rule 2,
     *     §3.4.2). It answers a change already made: it is sent as is, not run through the outbound table again
     * @param preApproved the pre-approval flag ({@code approved='true'}, §3.4) of the roster item afterwards; only
     *     possible where {@code next} {@linkplain SubscriptionState#acceptsPreApproval() accepts a pre-approval}
     */
    public record Transition(SubscriptionState next, boolean route, Optional<SubscriptionEvent> autoReply,
            boolean preApproved) {

        public Transition {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(autoReply, "autoReply");
            if (preApproved && !next.acceptsPreApproval()) {
                throw new IllegalArgumentException("no pre-approval in state " + next);
            }
        }
    }

    /**
     * Processes a stanza for a contact without a pre-approval; same as
     * {@link #apply(SubscriptionState, Direction, SubscriptionEvent, boolean) apply(current, direction, event, false)}.
     */
    public static Transition apply(SubscriptionState current, Direction direction, SubscriptionEvent event) {
        return apply(current, direction, event, false);
    }

    /**
     * Processes one subscription-related presence stanza against the user's roster item for the contact.
     *
     * @param current the user's subscription state for the contact ({@link SubscriptionState#NONE} if not in roster)
     * @param direction whether the user sent the stanza ({@link Direction#OUTBOUND}) or received it
     * @param event the presence type
     * @param preApproved whether the roster item carries a pre-approval (§3.4); an outbound {@code subscribed} in
     *     "None", "None + Pending Out" or "To" records one, an outbound {@code unsubscribed} removes it, an inbound
     *     {@code subscribe} uses it up; every other stanza keeps it
     * @throws IllegalArgumentException if {@code preApproved} is set in a state that cannot carry a pre-approval
     */
    public static Transition apply(SubscriptionState current, Direction direction, SubscriptionEvent event,
            boolean preApproved) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(event, "event");
        if (preApproved && !current.acceptsPreApproval()) {
            throw new IllegalArgumentException("no pre-approval in state " + current);
        }
        return switch (direction) {
            case OUTBOUND -> switch (event) {
                case SUBSCRIBE -> outboundSubscribe(current, preApproved);
                case UNSUBSCRIBE -> outboundUnsubscribe(current, preApproved);
                case SUBSCRIBED -> outboundSubscribed(current, preApproved);
                case UNSUBSCRIBED -> outboundUnsubscribed(current);
            };
            case INBOUND -> switch (event) {
                case SUBSCRIBE -> inboundSubscribe(current, preApproved);
                case UNSUBSCRIBE -> inboundUnsubscribe(current, preApproved);
                case SUBSCRIBED -> inboundSubscribed(current, preApproved);
                case UNSUBSCRIBED -> inboundUnsubscribed(current, preApproved);
            };
        };
    }

    /** A.2.1, Table 2: every outbound "subscribe" is routed (§3.1.2); [1] "pending out" sets ask='subscribe'. */
    private static Transition outboundSubscribe(SubscriptionState current, boolean preApproved) {
        SubscriptionState next = switch (current) {
            case NONE -> NONE_PENDING_OUT;
            case NONE_PENDING_IN -> NONE_PENDING_OUT_IN;
            case FROM -> FROM_PENDING_OUT;
            case NONE_PENDING_OUT, NONE_PENDING_OUT_IN, TO, TO_PENDING_IN, FROM_PENDING_OUT, BOTH -> current;
        };
        return new Transition(next, true, Optional.empty(), preApproved);
    }

    /** A.2.2, Table 3: every outbound "unsubscribe" is routed (§3.3.2). */
    private static Transition outboundUnsubscribe(SubscriptionState current, boolean preApproved) {
        SubscriptionState next = switch (current) {
            case NONE_PENDING_OUT, TO -> NONE;
            case NONE_PENDING_OUT_IN, TO_PENDING_IN -> NONE_PENDING_IN;
            case FROM_PENDING_OUT, BOTH -> FROM;
            case NONE, NONE_PENDING_IN, FROM -> current;
        };
        return new Transition(next, true, Optional.empty(), preApproved);
    }

    /**
     * A.2.3, Table 4 and §3.4.2: an approval of a pending inbound request is routed; in "None", "None + Pending Out"
     * and "To" the stanza is a pre-approval, recorded and not routed; if the contact is already subscribed, ignored.
     */
    private static Transition outboundSubscribed(SubscriptionState current, boolean preApproved) {
        return switch (current) {
            case NONE_PENDING_IN -> routed(FROM);
            case NONE_PENDING_OUT_IN -> routed(FROM_PENDING_OUT);
            case TO_PENDING_IN -> routed(BOTH);
            case NONE, NONE_PENDING_OUT, TO -> new Transition(current, false, Optional.empty(), true);
            case FROM, FROM_PENDING_OUT, BOTH -> new Transition(current, false, Optional.empty(), preApproved);
        };
    }

    /**
     * A.2.4, Table 5 and §3.2.2: a denial or cancellation is routed if there is something to deny or cancel; in
     * "None", "None + Pending Out" and "To" it is not routed and only removes a pre-approval (Table 5 [1]).
     */
    private static Transition outboundUnsubscribed(SubscriptionState current) {
        return switch (current) {
            case NONE, NONE_PENDING_OUT, TO -> new Transition(current, false, Optional.empty(), false);
            case NONE_PENDING_IN, FROM -> routed(NONE);
            case NONE_PENDING_OUT_IN, FROM_PENDING_OUT -> routed(NONE_PENDING_OUT);
            case TO_PENDING_IN, BOTH -> routed(TO);
        };
    }

    /**
     * A.3.1, Table 6, §3.1.3 and §3.4.2: a new request is delivered; a repeated one is not; if the contact is already
     * subscribed the server answers "subscribed" itself ([2]); a pre-approved request is approved on the user's behalf
     * and not delivered ([1] and §3.4.2: "MUST NOT deliver ... MUST automatically respond").
     */
    private static Transition inboundSubscribe(SubscriptionState current, boolean preApproved) {
        Optional<SubscriptionEvent> subscribed = Optional.of(SubscriptionEvent.SUBSCRIBED);
        return switch (current) {
            case NONE -> preApproved ? new Transition(FROM, false, subscribed, false) : routed(NONE_PENDING_IN);
            case NONE_PENDING_OUT -> preApproved
                    ? new Transition(FROM_PENDING_OUT, false, subscribed, false)
                    : routed(NONE_PENDING_OUT_IN);
            case TO -> preApproved ? new Transition(BOTH, false, subscribed, false) : routed(TO_PENDING_IN);
            case NONE_PENDING_IN, NONE_PENDING_OUT_IN, TO_PENDING_IN -> dropped(current, false);
            case FROM, FROM_PENDING_OUT, BOTH -> new Transition(current, false, subscribed, false);
        };
    }

    /**
     * A.3.2, Table 7 and §3.3.3: delivered when it changes the state, with an automatic "unsubscribed" in reply ([1]);
     * otherwise neither the state changes nor the stanza is delivered.
     */
    private static Transition inboundUnsubscribe(SubscriptionState current, boolean preApproved) {
        Optional<SubscriptionEvent> unsubscribed = Optional.of(SubscriptionEvent.UNSUBSCRIBED);
        return switch (current) {
            case NONE_PENDING_IN, FROM -> new Transition(NONE, true, unsubscribed, false);
            case NONE_PENDING_OUT_IN, FROM_PENDING_OUT -> new Transition(NONE_PENDING_OUT, true, unsubscribed, false);
            case TO_PENDING_IN, BOTH -> new Transition(TO, true, unsubscribed, false);
            case NONE, NONE_PENDING_OUT, TO -> dropped(current, preApproved);
        };
    }

    /**
     * A.3.3, Table 8 and §3.1.6: delivered only when it answers the user's pending request; otherwise ignored (the
     * §3.1.6 "silently ignore").
     */
    private static Transition inboundSubscribed(SubscriptionState current, boolean preApproved) {
        return switch (current) {
            case NONE_PENDING_OUT -> new Transition(TO, true, Optional.empty(), preApproved);
            case NONE_PENDING_OUT_IN -> routed(TO_PENDING_IN);
            case FROM_PENDING_OUT -> routed(BOTH);
            case NONE, NONE_PENDING_IN, TO, TO_PENDING_IN, FROM, BOTH -> dropped(current, preApproved);
        };
    }

    /**
     * A.3.4, Table 9 and §3.2.3: delivered when the user has a pending request to, or a subscription to, the contact;
     * otherwise ignored.
     */
    private static Transition inboundUnsubscribed(SubscriptionState current, boolean preApproved) {
        return switch (current) {
            case NONE_PENDING_OUT, TO -> new Transition(NONE, true, Optional.empty(), preApproved);
            case NONE_PENDING_OUT_IN, TO_PENDING_IN -> routed(NONE_PENDING_IN);
            case FROM_PENDING_OUT, BOTH -> routed(FROM);
            case NONE, NONE_PENDING_IN, FROM -> dropped(current, preApproved);
        };
    }

    /** Routed or delivered, no auto-reply, no pre-approval (the state cannot carry one, or it is not involved). */
    private static Transition routed(SubscriptionState next) {
        return new Transition(next, true, Optional.empty(), false);
    }

    /** Neither routed nor delivered, no state change, no auto-reply. */
    private static Transition dropped(SubscriptionState current, boolean preApproved) {
        return new Transition(current, false, Optional.empty(), preApproved);
    }
}
