package org.parley.offline;

import java.time.Instant;
import java.util.List;
import org.parley.xmpp.BareJid;

/**
 * Persistence of offline messages (XEP-0160): one queue per local user, in arrival order. Implementations:
 * {@code org.parley.storage.h2.H2OfflineStore} and {@code org.parley.storage.memory.InMemoryOfflineStore}, both
 * held to the same contract test.
 *
 * <p>Delivery is at-least-once: a caller {@link #peek}s, hands the messages to the user's session, and only then
 * {@link #delete}s up to the last one it handed over. A crash in between leaves the messages stored, to be
 * delivered again at the next login.
 *
 * <p>Implementations are thread-safe. Infrastructure failures surface as an unchecked exception of the storage
 * layer ({@code org.parley.storage.StorageException}); expected outcomes, such as a full queue, are return values.
 */
public interface OfflineStore {

    /** What {@link #store} did. */
    sealed interface StoreResult permits Stored, OverQuota, NoSuchAccount {}

    /**
     * The message was stored.
     *
     * @param id its id, higher than that of every message the owner had stored before
     */
    record Stored(long id) implements StoreResult {}

    /**
     * Nothing was stored: the message would have taken the owner's queue past its quota (messages or bytes). The
     * caller bounces it to the sender with {@code service-unavailable} (XEP-0160 §3).
     */
    record OverQuota() implements StoreResult {}

    /**
     * Nothing was stored: the owner is not an account (it was deleted while the message was in flight).
     * {@link #storeAll} answers so for one request of a batch, and so does the group commit's {@link #store}; the H2
     * store's own {@link #store} throws instead.
     */
    record NoSuchAccount() implements StoreResult {}

    /** One message to append, as {@link #store} takes it. */
    record StoreRequest(BareJid owner, String from, String stanza, Instant receivedAt, OfflineQuota quota) {}

    /**
     * Appends each message as {@link #store} would, in the order given (later ones see the earlier ones in the
     * quota), durably as one unit: the H2 store commits them in one transaction, which is what makes group commit
     * cheap (one commit costs about as much as 50 inserts).
     *
     * @return one result per request, in the same order
     */
    default List<StoreResult> storeAll(List<StoreRequest> requests) {
        List<StoreResult> results = new java.util.ArrayList<>(requests.size());
        for (StoreRequest r : requests) {
            results.add(store(r.owner(), r.from(), r.stanza(), r.receivedAt(), r.quota()));
        }
        return results;
    }

    /**
     * Appends a message to the owner's queue unless that would exceed {@code quota}. Check and insert are one
     * atomic step per owner: however many stores for one owner run at once, the queue never holds more than the
     * quota allows.
     *
     * <p>The owner must be an existing account. The H2 store fails with a {@code StorageException} otherwise (an
     * account deleted while a message for it was in flight); the in-memory store does not know about accounts.
     *
     * @param from the sender's full JID, 1..{@link OfflineMessage#MAX_FROM_LENGTH} chars
     * @param stanza the complete message stanza as XML text; it is returned unchanged by {@link #peek}
     * @param receivedAt when the server received the message
     * @param quota the owner's limits; the stanza's size is {@link OfflineQuota#sizeOf}
     * @throws IllegalArgumentException when {@code from} or {@code stanza} is empty or too long
     */
    StoreResult store(BareJid owner, String from, String stanza, Instant receivedAt, OfflineQuota quota);

    /**
     * The owner's oldest messages, oldest first, without removing them.
     *
     * @param limit the most messages to return, at least 1
     * @throws IllegalArgumentException when {@code limit < 1}
     */
    List<OfflineMessage> peek(BareJid owner, int limit);

    /**
     * Removes the owner's messages with {@code id <= upToIdInclusive}: the ones the caller has delivered. Call it
     * only after delivery, with the id of the last message delivered. Messages that arrived meanwhile have higher
     * ids and stay; other owners' messages are never touched.
     *
     * @return how many messages were removed
     */
    int delete(BareJid owner, long upToIdInclusive);

    /** How many messages the owner's queue holds. */
    long count(BareJid owner);

    /** The total size of the owner's stored stanzas, in UTF-8 bytes ({@link OfflineQuota#sizeOf}). */
    long bytes(BareJid owner);
}
