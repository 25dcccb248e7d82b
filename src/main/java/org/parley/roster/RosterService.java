package org.parley.roster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.subscription.SubscriptionEvent;
import org.parley.subscription.SubscriptionState;
import org.parley.xmpp.BareJid;

/**
 * Roster get, set and remove, RFC 6121 §2, independent of any protocol library: the Vysper handler parses the IQ,
 * calls one method and maps the result to stanzas (style.md §4 rule 3). Expected refusals are {@link RosterError}
 * values; only bugs and storage failures ({@code StorageException}) are thrown.
 *
 * <p>Every change is one {@link RosterStore#update}, a locked read-modify-write, so concurrent sets from two
 * resources never lose an update and each change gets its own, increasing roster version (§2.6.3: "the version
 * contained in a roster push MUST be unique"). Every {@code ver} also names the account's
 * {@linkplain RosterStore#generation generation}, read before the data it labels, so that a client's cache of a
 * deleted account is never taken for a version of the account re-created under the same JID.
 *
 * <p>Every local account has a roster, possibly empty, so a get never ends in the {@code item-not-found} of §2.1.4
 * ("If the roster does not exist"). Stateless and thread-safe.
 */
public final class RosterService {

    private final RosterStore store;

    /** A service over {@code store}. */
    public RosterService(RosterStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Answers a roster get (RFC 6121 §2.2) from {@code owner}'s own resource, with roster versioning (§2.6.3).
     *
     * <ul>
     *   <li>No {@code ver}, the empty bootstrap {@code ver=""} (§2.6.2), or a {@code ver} this server did not issue,
     *       issued for an earlier account of the same JID (another generation), or can no longer place (newer than
     *       the roster, as after a restore): {@link RosterGetResult.FullRoster};
     *       §2.6.3 allows the full roster whenever "the server cannot associate the version ID with any previous
     *       version it has on file".</li>
     *   <li>{@code ver} equal to the current version: {@link RosterGetResult.UpToDate}.</li>
     *   <li>An older, known {@code ver}: {@link RosterGetResult.InterimPushes}, one per item changed or removed
     *       since, in version order. The service always prefers pushes here, as §2.6.3 says the server "SHOULD send
     *       an empty IQ-result and then send the modifications (if any) via roster pushes"; it does not apply the
     *       bandwidth exception ("unless returning the complete roster would use less bandwidth").</li>
     * </ul>
     *
     * @param owner the user, already authorized (see {@link #authorize})
     * @param clientVer the query's {@code ver} attribute, empty when absent
     */
    public RosterGetResult get(BareJid owner, Optional<String> clientVer) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(clientVer, "clientVer");
        long generation = store.generation(owner); // before the data it labels (RosterStore#generation)
        Optional<RosterChanges> since = clientVer.flatMap(RosterVersion::parse)
                .filter(version -> version.generation() == generation)
                .flatMap(version -> store.changesSince(owner, version.counter()))
                // re-created while the changes were read: they may be the new roster's, not changes of the cache
                .filter(changes -> store.generation(owner) == generation);
        if (since.isPresent()) {
            RosterChanges changes = since.get();
            String ver = ver(generation, changes.version());
            return changes.isEmpty()
                    ? new RosterGetResult.UpToDate(ver)
                    : new RosterGetResult.InterimPushes(interimPushes(owner, generation, changes), ver);
        }
        Roster roster = store.roster(owner);
        return new RosterGetResult.FullRoster(roster, ver(generation, roster.version()));
    }

    /**
     * Processes a roster set (RFC 6121 §2.1.5) from {@code owner}'s own resource: creates or updates an item (§2.3,
     * §2.4) or removes one ({@code subscription='remove'}, §2.5).
     *
     * <p>Checks, in this order (§2.3.3 unless noted):
     * <ol>
     *   <li>exactly one item, else {@code bad-request} (§2.1.5 rule 1: "The &lt;query/&gt; element MUST contain one
     *       and only one &lt;item/&gt; element"; zero items breaks the same rule);</li>
     *   <li>a {@code jid}, else {@code bad-request} (§2.1.2.3: "The 'jid' attribute is REQUIRED");</li>
     *   <li>the {@code jid} is a JID Parley keeps: unparsable or with an empty part: {@code jid-malformed}; a full
     *       JID or a domain-only JID: {@code not-acceptable} (valid JIDs, but Parley's roster items are
     *       {@code user@domain}, see {@link BareJid});</li>
     *   <li>for a removal: the contact is in the roster, else {@code item-not-found} (§2.5.3). Name and groups of a
     *       removal are ignored;</li>
     *   <li>otherwise: not the owner's own bare JID, else {@code not-allowed} (§2.3.3 notes "Some servers return a
     *       &lt;not-allowed/&gt; stanza error"; the RFC allows either, Parley refuses because a self-subscription
     *       has no meaning in Appendix A); name at most {@link RosterItem#MAX_NAME_LENGTH} characters, every group
     *       non-empty, not only white space and at most {@link RosterItem#MAX_GROUP_LENGTH} characters, else
     *       {@code not-acceptable}; no duplicate group, else {@code bad-request} (as §2.3.3 lists it; duplicates
     *       compared after Unicode NFC normalisation).</li>
     * </ol>
     *
     * <p>A {@code subscription} attribute other than {@code remove} is ignored (§2.1.2.5: "in a roster set the server
     * MUST ignore all values of the 'subscription' attribute other than "remove""). An update keeps the
     * subscription state, the pre-approval and any pending inbound request; name and groups are replaced exactly
     * as given (§2.4.1: "the item MUST be updated exactly as provided"), an empty name meaning none (§2.4.1
     * implementation note) and no group meaning none (§2.1.2.6). A set that changes nothing is still answered with
     * a push (§2.3.2 "MUST also send a roster push"), carrying the item's unchanged version, which never claims a
     * change the client has not seen.
     *
     * @param owner the user, already authorized (see {@link #authorize})
     * @param request the items of the set, as parsed
     */
    public RosterSetResult set(BareJid owner, RosterSetRequest request) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(request, "request");
        if (request.items().size() != 1) {
            return rejected(RosterError.Condition.BAD_REQUEST,
                    "a roster set carries exactly one item, this one has " + request.items().size());
        }
        RosterSetRequest.Item item = request.items().get(0);
        if (item.jid() == null) {
            return rejected(RosterError.Condition.BAD_REQUEST, "the roster item has no 'jid' attribute");
        }
        RosterSetChecks.Contact parsed = RosterSetChecks.contact(item.jid());
        if (parsed.error() != null) {
            return new RosterSetResult.Rejected(parsed.error());
        }
        BareJid contact = parsed.jid();
        if (item.isRemove()) {
            return remove(owner, contact);
        }
        if (contact.equals(owner)) {
            return rejected(RosterError.Condition.NOT_ALLOWED, "a user cannot be a contact in their own roster");
        }
        Optional<RosterError> invalid = RosterSetChecks.nameAndGroups(item);
        if (invalid.isPresent()) {
            return new RosterSetResult.Rejected(invalid.get());
        }
        String name = item.name() == null || item.name().isEmpty() ? null : item.name();
        Set<String> groups = new LinkedHashSet<>(item.groups());
        long generation = store.generation(owner);
        RosterEntry stored = store.update(owner, contact, entry -> entry.withItem(name, groups));
        return new RosterSetResult.Updated(
                new RosterPush.Update(owner, stored.asItem(), ver(generation, stored.version())));
    }

    /**
     * Whether {@code sender} may read or change {@code rosterOwner}'s roster: only the account itself (RFC 6121 §2:
     * "the server MUST restrict access to this data so that only authorized entities (typically limited to the
     * account owner) are able to retrieve, modify, or delete it"; §2.1.5 and §2.3.3: otherwise "return a
     * &lt;forbidden/&gt; error"). The handler calls this with the sender's bare JID and the bare JID of the IQ's
     * {@code to} (the sender's own when there is none), before {@link #get} or {@link #set}.
     *
     * @return empty when allowed; the {@code forbidden} error otherwise
     */
    public static Optional<RosterError> authorize(BareJid sender, BareJid rosterOwner) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(rosterOwner, "rosterOwner");
        return sender.equals(rosterOwner) ? Optional.empty()
                : Optional.of(RosterError.of(RosterError.Condition.FORBIDDEN,
                        "only " + rosterOwner + " may access this roster"));
    }

    /**
     * The {@code to} addresses of a roster push: the full JID of every interested resource, in the given order,
     * each once (RFC 6121 §2.2: "The server MUST send roster pushes to all interested resources"). A resource that
     * never requested the roster gets no push, not even after its own roster set.
     */
    public static List<String> pushTargets(Collection<ResourceView> resources) {
        return resources.stream().filter(ResourceView::interested).map(ResourceView::fullJid).distinct().toList();
    }

    /**
     * The presence stanzas the user's server sends when the user removes {@code contact} while in {@code state}
     * (RFC 6121 §2.5.2), {@code unsubscribe} first:
     * <ol>
     *   <li>{@code unsubscribe} when the user is subscribed to the contact ("If the user has a presence subscription
     *       to the contact, then the user's server MUST send a presence stanza of type "unsubscribe""), and also
     *       when the user's own request is pending (Pending Out), which cancels it (Appendix A.2.2: an outbound
     *       {@code unsubscribe} in "None + Pending Out" is routed);</li>
     *   <li>{@code unsubscribed} when the contact is subscribed to the user ("If the contact has a presence
     *       subscription to the user, then the user's server MUST send a presence stanza of type "unsubscribed""),
     *       and also when the contact's request is pending (Pending In), which denies it (Appendix A.2.4: an
     *       outbound {@code unsubscribed} in "None + Pending In" is routed);</li>
     *   <li>both for a mutual subscription (§2.5.2 rule 3); none in state "None".</li>
     * </ol>
     */
    public static List<OutboundPresence> removalPresences(BareJid owner, BareJid contact, SubscriptionState state) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(state, "state");
        List<OutboundPresence> presences = new ArrayList<>(2);
        if (state.userReceivesContactPresence() || state.pendingOut()) {
            presences.add(new OutboundPresence(owner, contact, SubscriptionEvent.UNSUBSCRIBE));
        }
        if (state.contactReceivesUserPresence() || state.pendingIn()) {
            presences.add(new OutboundPresence(owner, contact, SubscriptionEvent.UNSUBSCRIBED));
        }
        return List.copyOf(presences);
    }

    /** §2.5: removes the contact, reading its state in the same locked update so the side effects match it. */
    private RosterSetResult remove(BareJid owner, BareJid contact) {
        AtomicReference<RosterEntry> before = new AtomicReference<>();
        long generation = store.generation(owner);
        RosterEntry after = store.update(owner, contact, entry -> {
            before.set(entry);
            // Not in the roster: change nothing, and keep a stranger's pending request (§2.5.3, ADR 0007).
            return entry.inRoster() ? entry.removed() : entry;
        });
        RosterEntry old = before.get();
        if (!old.inRoster()) {
            return rejected(RosterError.Condition.ITEM_NOT_FOUND, contact + " is not in the roster");
        }
        if (after.version() <= old.version()) {
            throw new IllegalStateException("the roster store did not give the removal of " + contact
                    + " a new version (" + old.version() + " -> " + after.version() + ")");
        }
        return new RosterSetResult.Removed(new RosterPush.Removal(owner, contact, ver(generation, after.version())),
                removalPresences(owner, contact, old.subscription()));
    }

    /** The interim pushes of §2.6.3: changed items and removals merged into one list by version. */
    private static List<RosterPush> interimPushes(BareJid owner, long generation, RosterChanges changes) {
        List<RosterItem> changed = changes.changed();
        List<RosterChanges.Removal> removed = changes.removed();
        List<RosterPush> pushes = new ArrayList<>(changed.size() + removed.size());
        int c = 0;
        int r = 0;
        while (c < changed.size() || r < removed.size()) {
            if (r == removed.size() || c < changed.size() && changed.get(c).version() < removed.get(r).version()) {
                RosterItem item = changed.get(c++);
                pushes.add(new RosterPush.Update(owner, item, ver(generation, item.version())));
            } else {
                RosterChanges.Removal removal = removed.get(r++);
                pushes.add(new RosterPush.Removal(owner, removal.contact(), ver(generation, removal.version())));
            }
        }
        return pushes;
    }

    private static RosterSetResult rejected(RosterError.Condition condition, String text) {
        return new RosterSetResult.Rejected(RosterError.of(condition, text));
    }

    private static String ver(long generation, long version) {
        return new RosterVersion(generation, version).ver();
    }
}
