package org.parley.subscription;

import java.util.Objects;

/**
 * The nine subscription states of RFC 6121 Appendix A.1, described "from the perspective of the user, not the
 * contact": the state of the user's roster item for one contact. A contact that is not in the roster at all is in
 * state {@link #NONE} ("a subscription state of 'None' includes the case of the contact not being in the user's roster
 * at all").
 *
 * <p>This enum is the only representation of a subscription in Parley (style.md §4 rule 2). The roster's
 * {@code subscription} and {@code ask} attributes and the pending inbound request are derived from it, and
 * {@link #of(String, boolean, boolean)} maps them back; combinations the RFC does not define cannot be built. The
 * pre-approval flag of §3.4 ({@code approved='true'}) is kept beside the state, and only in the states that
 * {@link #acceptsPreApproval()}.
 */
public enum SubscriptionState {

    /** "None": neither is subscribed and neither has asked; {@code subscription='none'}. */
    NONE("None"),

    /** "None + Pending Out": the user has asked the contact; {@code subscription='none' ask='subscribe'}. */
    NONE_PENDING_OUT("None + Pending Out"),

    /**
     * "None + Pending In": the contact has asked the user, who has not answered; {@code subscription='none'}, and not
     * in the roster at all if the user never added the contact (A.1 item 3).
     */
    NONE_PENDING_IN("None + Pending In"),

    /** "None + Pending Out+In": both have asked, neither has answered; {@code subscription='none' ask='subscribe'}. */
    NONE_PENDING_OUT_IN("None + Pending Out+In"),

    /** "To": the user is subscribed to the contact (one-way); {@code subscription='to'}. */
    TO("To"),

    /** "To + Pending In": the user is subscribed to the contact, who has asked back; {@code subscription='to'}. */
    TO_PENDING_IN("To + Pending In"),

    /** "From": the contact is subscribed to the user (one-way); {@code subscription='from'}. */
    FROM("From"),

    /**
     * "From + Pending Out": the contact is subscribed, the user has asked back;
     * {@code subscription='from' ask='subscribe'}.
     */
    FROM_PENDING_OUT("From + Pending Out"),

    /** "Both": each is subscribed to the other; {@code subscription='both'}. */
    BOTH("Both");

    private final String rfcName;

    SubscriptionState(String rfcName) {
        this.rfcName = rfcName;
    }

    /** The state's name exactly as RFC 6121 Appendix A writes it, e.g. {@code "None + Pending Out+In"}. */
    public String rfcName() {
        return rfcName;
    }

    /** The roster item's {@code subscription} attribute: {@code none}, {@code to}, {@code from} or {@code both}. */
    public String rosterSubscription() {
        return switch (this) {
            case NONE, NONE_PENDING_OUT, NONE_PENDING_IN, NONE_PENDING_OUT_IN -> "none";
            case TO, TO_PENDING_IN -> "to";
            case FROM, FROM_PENDING_OUT -> "from";
            case BOTH -> "both";
        };
    }

    /** Whether the user has an unanswered request to the contact, shown as {@code ask='subscribe'} (A.1, A.2.1 [1]). */
    public boolean pendingOut() {
        return switch (this) {
            case NONE_PENDING_OUT, NONE_PENDING_OUT_IN, FROM_PENDING_OUT -> true;
            case NONE, NONE_PENDING_IN, TO, TO_PENDING_IN, FROM, BOTH -> false;
        };
    }

    /** Whether the contact has an unanswered request to the user (not a roster attribute; RFC 6121 §3.1.3). */
    public boolean pendingIn() {
        return switch (this) {
            case NONE_PENDING_IN, NONE_PENDING_OUT_IN, TO_PENDING_IN -> true;
            case NONE, NONE_PENDING_OUT, TO, FROM, FROM_PENDING_OUT, BOTH -> false;
        };
    }

    /** Whether the user is subscribed to the contact's presence ("to" or "both"); the server probes such contacts. */
    public boolean userReceivesContactPresence() {
        return switch (this) {
            case TO, TO_PENDING_IN, BOTH -> true;
            case NONE, NONE_PENDING_OUT, NONE_PENDING_IN, NONE_PENDING_OUT_IN, FROM, FROM_PENDING_OUT -> false;
        };
    }

    /** Whether the contact is subscribed to the user's presence ("from" or "both"): the user's presence goes to it. */
    public boolean contactReceivesUserPresence() {
        return switch (this) {
            case FROM, FROM_PENDING_OUT, BOTH -> true;
            case NONE, NONE_PENDING_OUT, NONE_PENDING_IN, NONE_PENDING_OUT_IN, TO, TO_PENDING_IN -> false;
        };
    }

    /**
     * Whether a subscription pre-approval ({@code approved='true'}) can be recorded in this state: "None", "None +
     * Pending Out" and "To", the states in which RFC 6121 §3.4.2 step 3 notes it. In every other state the contact
     * already is subscribed or has already asked, so an outbound {@code subscribed} is an ordinary approval or ignored.
     */
    public boolean acceptsPreApproval() {
        return switch (this) {
            case NONE, NONE_PENDING_OUT, TO -> true;
            case NONE_PENDING_IN, NONE_PENDING_OUT_IN, TO_PENDING_IN, FROM, FROM_PENDING_OUT, BOTH -> false;
        };
    }

    /**
     * The state with the given roster {@code subscription} attribute, {@code ask='subscribe'} flag and pending inbound
     * request: the inverse of {@link #rosterSubscription()}, {@link #pendingOut()} and {@link #pendingIn()}.
     *
     * @throws IllegalArgumentException if {@code subscription} is not {@code none}, {@code to}, {@code from} or
     *     {@code both}, or the combination is not one of the nine states (an outbound request while already
     *     subscribed to the contact, or an inbound request from a contact already subscribed to the user)
     */
    public static SubscriptionState of(String subscription, boolean pendingOut, boolean pendingIn) {
        Objects.requireNonNull(subscription, "subscription");
        for (SubscriptionState state : values()) {
            if (state.rosterSubscription().equals(subscription) && state.pendingOut() == pendingOut
                    && state.pendingIn() == pendingIn) {
                return state;
            }
        }
        throw new IllegalArgumentException("no RFC 6121 subscription state has subscription='" + subscription
                + "', pendingOut=" + pendingOut + ", pendingIn=" + pendingIn);
    }
}
