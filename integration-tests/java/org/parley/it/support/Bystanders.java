package org.parley.it.support;

import org.jivesoftware.smack.packet.Message;

/**
 * Two well-behaved users, logged in with Smack before an attack, who must go on chatting through it (issue #4:
 * "every other session is unaffected").
 */
public final class Bystanders {

    private final Actor alice;
    private final Actor bob;
    private int sent;

    private Bystanders(Actor alice, Actor bob) {
        this.alice = alice;
        this.bob = bob;
    }

    /** Logs in both and checks that they can chat before anything happens. */
    public static Bystanders connect(Actors actors) throws Exception {
        Bystanders bystanders = new Bystanders(actors.login("alice"), actors.login("bob"));
        bystanders.assertStillChatting(1);
        return bystanders;
    }

    /** Alice sends Bob {@code count} messages and Bob receives every one of them, in order. */
    public void assertStillChatting(int count) throws Exception {
        int first = sent;
        for (int i = 0; i < count; i++) {
            alice.chat(bob.jid(), "bystander-" + (sent++));
        }
        for (int i = first; i < sent; i++) {
            String body = "bystander-" + i;
            Message message = bob.inbox().awaitMessage(m -> body.equals(m.getBody()), "bystander message " + body);
            if (!alice.jid().equals(message.getFrom())) {
                throw new AssertionError("bystander message from " + message.getFrom());
            }
        }
    }
}
