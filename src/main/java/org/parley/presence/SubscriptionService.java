package org.parley.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.parley.roster.RosterEntry;
import org.parley.roster.RosterPush;
import org.parley.roster.RosterStore;
import org.parley.roster.RosterVersion;
import org.parley.subscription.Direction;
import org.parley.subscription.SubscriptionEvent;
import org.parley.subscription.SubscriptionStateMachine;
import org.parley.subscription.SubscriptionStateMachine.Transition;
import org.parley.xmpp.BareJid;

/**
 * Processes subscription stanzas (RFC 6121 §3) sent by a local user: the user's side of the exchange (Appendix A.2)
 * and, when the contact is local too, the contact's side (Appendix A.3) in the same transaction
 * ({@link RosterStore#updateBoth}, issue 3 item 5), then the contact server's automatic answer if the tables call
 * for one. Returns what to send as {@link SubscriptionEffect}s; sends nothing itself. Stateless and thread-safe.
 *
 * <p>Lives in {@code presence} rather than {@code subscription} because it needs the roster store, and
 * {@code roster} already depends on {@code subscription} for the state enum (no package cycles, ADR 0007).
 */
public final class SubscriptionService {

    private final RosterStore rosters;
    private final Predicate<BareJid> localAccount;
    private final String domain;

    /**
     * @param rosters the roster store
     * @param localAccount whether a bare JID of this server's domain is an existing account
     * @param domain this server's domain
     */
    public SubscriptionService(RosterStore rosters, Predicate<BareJid> localAccount, String domain) {
        this.rosters = Objects.requireNonNull(rosters, "rosters");
        this.localAccount = Objects.requireNonNull(localAccount, "localAccount");
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    /**
     * {@code user} sent a subscription stanza of type {@code event} to {@code contact}.
     *
     * @param stanza the stanza as XML text, kept as the pending request when it is a new {@code subscribe} to a local
     *     contact (§3.1.3: the server keeps "the complete presence stanza")
     * @param now when the server received it
     */
    public List<SubscriptionEffect> outbound(BareJid user, BareJid contact, SubscriptionEvent event, String stanza,
            Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(stanza, "stanza");
        Objects.requireNonNull(now, "now");
        if (user.equals(contact)) {
            throw new IllegalArgumentException("a user has no subscription to their own presence: " + user);
        }
        List<SubscriptionEffect> effects = new ArrayList<>();
        if (!contact.domain().equals(domain) || !localAccount.test(contact)) {
            // the user's side as for any contact (A.2; §3.1.2: the roster push, with ask='subscribe' for a request)
            Transition out = updateOne(user, contact, Direction.OUTBOUND, event, stanza, now, effects);
            if (out.route() && !contact.domain().equals(domain)) {
                effects.add(new SubscriptionEffect.Deliver(user, contact, event, true));
            }
            // A local address without an account: §8.5.1, "For a presence stanza of type "subscribe", "subscribed",
            // "unsubscribe", or "unsubscribed", the server MUST silently ignore the stanza": no answer, no error. The
            // user's roster changes as it would for a remote contact whose server ignores the request, or for a local
            // contact who never answers, so the answer tells nobody whether the account exists (RFC 6120 §13.11).
            return effects;
        }
        AtomicReference<Transition> out = new AtomicReference<>();
        AtomicReference<Transition> in = new AtomicReference<>();
        AtomicReference<RosterEntry> userBefore = new AtomicReference<>();
        AtomicReference<RosterEntry> contactBefore = new AtomicReference<>();
        // the generations label the pushes, so they are read before the change (RosterStore#generation)
        long userGeneration = rosters.generation(user);
        long contactGeneration = rosters.generation(contact);
        // updateBoth applies the user's change first, so the contact's change sees whether the stanza is routed
        RosterStore.Updated updated = rosters.updateBoth(
                user, contact, entry -> {
                    userBefore.set(entry);
                    Transition t = SubscriptionStateMachine.apply(entry.subscription(), Direction.OUTBOUND, event,
                            entry.approved());
                    out.set(t);
                    return applied(entry, t, stanza, now);
                },
                contact, user, entry -> {
                    contactBefore.set(entry);
                    if (!out.get().route()) {
                        in.set(null);
                        return entry;
                    }
                    Transition t = SubscriptionStateMachine.apply(entry.subscription(), Direction.INBOUND, event,
                            entry.approved());
                    in.set(t);
                    return applied(entry, t, stanza, now);
                });
        push(user, userGeneration, userBefore.get(), updated.a(), effects);
        push(contact, contactGeneration, contactBefore.get(), updated.b(), effects);
        Transition inbound = in.get();
        if (inbound == null) {
            return effects;
        }
        if (inbound.route()) {
            delivered(user, contact, event, true, effects);
        }
        inbound.autoReply().ifPresent(reply -> inboundReply(contact, user, reply, now, effects));
        return effects;
    }

    /**
     * The contact's side only, for the presence stanzas a roster removal sends (RFC 6121 §2.5.2): the user's item
     * is already gone, so only the contact's entry changes.
     */
    public List<SubscriptionEffect> afterRemoval(BareJid user, BareJid contact, SubscriptionEvent event,
            Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(event, "event");
        List<SubscriptionEffect> effects = new ArrayList<>();
        if (!contact.domain().equals(domain)) {
            effects.add(new SubscriptionEffect.Deliver(user, contact, event, false));
        } else if (localAccount.test(contact)) {
            Transition t = updateOne(contact, user, Direction.INBOUND, event, "", now, effects);
            if (t.route()) {
                delivered(user, contact, event, false, effects);
            }
        }
        return effects;
    }

    /** The answer {@code from} (the contact's server) sends on its own to {@code to}, processed for {@code to}. */
    private void inboundReply(BareJid from, BareJid to, SubscriptionEvent reply, Instant now,
            List<SubscriptionEffect> effects) {
        Transition t = updateOne(to, from, Direction.INBOUND, reply, "", now, effects);
        if (t.route()) {
            effects.add(new SubscriptionEffect.Deliver(from, to, reply, false));
        }
        if (reply == SubscriptionEvent.SUBSCRIBED && localAccount.test(from) && from.domain().equals(domain)) {
            // an automatic approval is an approval: the approver's presence follows (§3.1.5)
            effects.add(new SubscriptionEffect.SendPresence(from, to, true));
        }
    }

    /**
     * A delivered stanza with the presence that goes with it (§3.1.5, §3.2.2, §3.3.3): an approval is followed by
     * the approver's presence; a cancellation is preceded by unavailable presence from the canceller's resources, so
     * the user's client sees the contact go offline while it still has the subscription that made it visible; after
     * an unsubscribe the contact's resources send unavailable to the user.
     */
    private static void delivered(BareJid sender, BareJid receiver, SubscriptionEvent event, boolean original,
            List<SubscriptionEffect> effects) {
        SubscriptionEffect.Deliver deliver = new SubscriptionEffect.Deliver(sender, receiver, event, original);
        switch (event) {
            case SUBSCRIBE -> effects.add(deliver); // presence follows only once the request is approved
            case SUBSCRIBED -> {
                effects.add(deliver);
                effects.add(new SubscriptionEffect.SendPresence(sender, receiver, true));
            }
            case UNSUBSCRIBED -> {
                effects.add(new SubscriptionEffect.SendPresence(sender, receiver, false));
                effects.add(deliver);
            }
            case UNSUBSCRIBE -> {
                effects.add(deliver);
                effects.add(new SubscriptionEffect.SendPresence(receiver, sender, false));
            }
        }
    }

    private Transition updateOne(BareJid owner, BareJid contact, Direction direction, SubscriptionEvent event,
            String stanza, Instant now, List<SubscriptionEffect> effects) {
        AtomicReference<Transition> transition = new AtomicReference<>();
        AtomicReference<RosterEntry> before = new AtomicReference<>();
        long generation = rosters.generation(owner); // before the change it labels (RosterStore#generation)
        RosterEntry after = rosters.update(owner, contact, entry -> {
            before.set(entry);
            Transition t = SubscriptionStateMachine.apply(entry.subscription(), direction, event, entry.approved());
            transition.set(t);
            return applied(entry, t, stanza, now);
        });
        push(owner, generation, before.get(), after, effects);
        return transition.get();
    }

    /** The entry after a transition: new state, the request kept when one becomes pending, the pre-approval. */
    static RosterEntry applied(RosterEntry entry, Transition t, String stanza, Instant now) {
        RosterEntry next = t.next().pendingIn() && entry.pendingIn() == null
                ? entry.withPendingIn(t.next(), new RosterEntry.PendingIn(stanza, now))
                : entry.withSubscription(t.next());
        return next.approved() == t.preApproved() ? next : next.withApproved(t.preApproved());
    }

    /** A push when what the owner's roster shows changed (§3: every state change of a roster item is pushed). */
    private static void push(BareJid owner, long generation, RosterEntry before, RosterEntry after,
            List<SubscriptionEffect> effects) {
        Optional<RosterPush> push = Optional.empty();
        String ver = new RosterVersion(generation, after.version()).ver();
        if (after.inRoster() && (before == null || !after.sameContentAs(before))) {
            push = Optional.of(new RosterPush.Update(owner, after.asItem(), ver));
        } else if (!after.inRoster() && before != null && before.inRoster()) {
            push = Optional.of(new RosterPush.Removal(owner, after.contact(), ver));
        }
        push.map(SubscriptionEffect.Push::new).ifPresent(effects::add);
    }
}
