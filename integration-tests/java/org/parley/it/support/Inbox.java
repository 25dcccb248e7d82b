package org.parley.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;

/**
 * Everything one {@link Actor}'s connection received, in arrival order (style.md §3.8, rule 7).
 *
 * <p>The connection feeds it from a <em>sync</em> stanza listener and a sync roster-push handler; Smack runs both on
 * one ordered executor per connection, so the order here is the order on the wire (an async listener would not
 * keep it). An {@code await...} call claims the <em>first</em> unclaimed stanza that matches and leaves the others
 * for later calls, so a script can wait for a roster push without losing a presence that arrived just before it.
 * Every wait is bounded; on timeout the failure names what was expected and lists everything received.
 *
 * <p>Absence is checked against the whole history ({@link #assertNone}), normally after a {@link Actor#barrier
 * barrier} message: RFC 6120 §10.1 (in-order processing) makes everything the server sent before the barrier
 * arrive before it.
 */
public final class Inbox {

    /** How long an {@code await...} waits by default: generous for loopback, short enough for failing runs. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Bodies of the marker messages {@link Actor#barrier} sends; message awaits skip them. */
    static final String BARRIER_PREFIX = "it-barrier:";
    private static final int SHOWN = 60;
    private static final int SHOWN_CHARS = 400;

    private final String owner;
    private final Object lock = new Object();
    private final List<Stanza> unclaimed = new ArrayList<>();
    private final List<Stanza> history = new ArrayList<>();

    private volatile BareJid self;

    Inbox(String owner) {
        this.owner = owner;
    }

    /** The owner's bare JID, once bound: the only 'from' a roster push may carry. */
    void self(BareJid jid) {
        self = jid;
    }

    void add(Stanza stanza) {
        synchronized (lock) {
            unclaimed.add(stanza);
            history.add(stanza);
            lock.notifyAll();
        }
    }

    /** Waits up to {@code timeout} for the first unclaimed stanza of {@code type} that matches, and claims it. */
    public <T extends Stanza> T await(Class<T> type, Predicate<? super T> matches, String expectation,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                for (Iterator<Stanza> it = unclaimed.iterator(); it.hasNext(); ) {
                    Stanza stanza = it.next();
                    if (type.isInstance(stanza) && matches.test(type.cast(stanza))) {
                        it.remove();
                        return type.cast(stanza);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(owner + " expected " + expectation + " within " + timeout.toMillis()
                            + " ms, but did not receive it.\n" + describeLocked());
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(owner + " interrupted while waiting for " + expectation, e);
                }
            }
        }
    }

    public <T extends Stanza> T await(Class<T> type, Predicate<? super T> matches, String expectation) {
        return await(type, matches, expectation, TIMEOUT);
    }

    /** A presence of {@code type} whose 'from' is exactly {@code from} (bare or full, as given). */
    public Presence awaitPresence(Jid from, Presence.Type type) {
        return awaitPresence(from, type, TIMEOUT);
    }

    public Presence awaitPresence(Jid from, Presence.Type type, Duration timeout) {
        return await(Presence.class, p -> p.getType() == type && from.equals(p.getFrom()),
                "<presence type='" + type + "' from='" + from + "'>", timeout);
    }

    public Presence awaitPresence(Predicate<Presence> matches, String expectation) {
        return await(Presence.class, matches, expectation, TIMEOUT);
    }

    /**
     * A roster push (an IQ set in {@code jabber:iq:roster}) for {@code contact}. It has exactly one item (RFC 6121
     * §2.1.6) and comes from the user's bare JID or has no 'from' (§2.1.6: the client MUST check this); a push that
     * breaks either rule fails here.
     */
    public RosterPacket.Item awaitRosterPush(BareJid contact) {
        return item(awaitRosterPushPacket(contact));
    }

    /** As {@link #awaitRosterPush}, but the whole push, for its {@code ver}. */
    public RosterPacket awaitRosterPushPacket(BareJid contact) {
        return await(RosterPacket.class,
                r -> r.getType() == IQ.Type.set && r.getRosterItems().stream().anyMatch(i -> contact.equals(i.getJid())),
                "a roster push for " + contact, TIMEOUT);
    }

    /** A roster push for {@code contact} whose item satisfies {@code matches} (e.g. a given subscription state). */
    public RosterPacket.Item awaitRosterPush(BareJid contact, Predicate<RosterPacket.Item> matches,
            String expectation) {
        return item(await(RosterPacket.class,
                r -> r.getType() == IQ.Type.set && r.getRosterItems().stream()
                        .anyMatch(i -> contact.equals(i.getJid()) && matches.test(i)),
                "a roster push for " + contact + " with " + expectation, TIMEOUT));
    }

    private RosterPacket.Item item(RosterPacket push) {
        if (push.getRosterItems().size() != 1) {
            throw new AssertionError("RFC 6121 §2.1.6: a roster push carries exactly one item, got: " + show(push));
        }
        Jid from = push.getFrom();
        if (from != null && !from.equals(self)) {
            throw new AssertionError("RFC 6121 §2.1.6: a roster push comes from the user's bare JID, got: "
                    + show(push));
        }
        return push.getRosterItems().get(0);
    }

    /** A message (not a barrier) from exactly {@code from}, of any type but error. */
    public Message awaitMessage(Jid from) {
        return awaitMessage(m -> from.equals(m.getFrom()) && m.getType() != Message.Type.error,
                "a <message> from " + from);
    }

    public Message awaitMessage(Predicate<Message> matches, String expectation) {
        return await(Message.class, m -> !isBarrier(m) && matches.test(m), expectation, TIMEOUT);
    }

    /** Waits for the barrier message carrying {@code token} (see {@link Actor#barrier}). */
    void awaitBarrier(String token) {
        await(Message.class, m -> (BARRIER_PREFIX + token).equals(m.getBody()), "barrier message " + token,
                TIMEOUT);
    }

    /** Matches a presence of {@code type} from exactly {@code from}, for {@link #assertNone} and {@link #count}. */
    public static Predicate<Stanza> presence(Jid from, Presence.Type type) {
        return s -> s instanceof Presence && ((Presence) s).getType() == type && from.equals(s.getFrom());
    }

    /** Matches any roster push. */
    public static Predicate<Stanza> rosterPush() {
        return s -> s instanceof RosterPacket && ((RosterPacket) s).getType() == IQ.Type.set;
    }

    /** Matches any message except barriers. */
    public static Predicate<Stanza> anyMessage() {
        return s -> s instanceof Message && !isBarrier((Message) s);
    }

    /** Matches a message (not a barrier) with this body. */
    public static Predicate<Stanza> messageWithBody(String body) {
        return s -> s instanceof Message && body.equals(((Message) s).getBody());
    }

    static boolean isBarrier(Message message) {
        return message.getBody() != null && message.getBody().startsWith(BARRIER_PREFIX);
    }

    /** Fails if anything received so far (claimed or not) matches. */
    public void assertNone(Predicate<Stanza> forbidden, String description) {
        synchronized (lock) {
            for (Stanza stanza : history) {
                if (forbidden.test(stanza)) {
                    throw new AssertionError(owner + " must not have received " + description + ", but got "
                            + show(stanza) + "\n" + describeLocked());
                }
            }
        }
    }

    /** How many stanzas received so far (claimed or not) match. */
    public int count(Predicate<Stanza> matches) {
        synchronized (lock) {
            return (int) history.stream().filter(matches).count();
        }
    }

    /** Everything received so far, in order. */
    public List<Stanza> received() {
        synchronized (lock) {
            return List.copyOf(history);
        }
    }

    /** The first stanza in the history (claimed or not) that matches. */
    public Optional<Stanza> find(Predicate<Stanza> matches) {
        synchronized (lock) {
            return history.stream().filter(matches).findFirst();
        }
    }

    /** The position of the first stanza in the history that matches, or -1. */
    public int indexOf(Predicate<Stanza> matches) {
        synchronized (lock) {
            for (int i = 0; i < history.size(); i++) {
                if (matches.test(history.get(i))) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return describeLocked();
        }
    }

    private String describeLocked() {
        StringBuilder text = new StringBuilder(owner).append(" received ").append(history.size())
                .append(" stanza(s)");
        int from = Math.max(0, history.size() - SHOWN);
        if (from > 0) {
            text.append(", the last ").append(SHOWN);
        }
        text.append(" (* = not yet claimed by an await):");
        for (int i = from; i < history.size(); i++) {
            Stanza stanza = history.get(i);
            text.append("\n  ").append(unclaimed.contains(stanza) ? "* " : "  ").append(show(stanza));
        }
        return text.toString();
    }

    static String show(Stanza stanza) {
        String xml = stanza.toXML().toString();
        return xml.length() <= SHOWN_CHARS ? xml : xml.substring(0, SHOWN_CHARS) + "...";
    }
}
