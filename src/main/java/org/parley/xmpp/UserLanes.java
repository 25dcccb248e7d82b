package org.parley.xmpp;

/**
 * Runs work for one user in order: tasks given for the same user run one after another, in the order given, so
 * everything delivered to that user (messages, presence, roster pushes, the offline flush) keeps its order. The
 * server's delivery lanes implement it; tests may run tasks inline.
 */
@FunctionalInterface
public interface UserLanes {

    /**
     * Queues {@code task} on {@code user}'s lane. May block while the lane is full (back-pressure on the caller).
     *
     * @throws java.util.concurrent.RejectedExecutionException when the lane cannot take the task (shut down, or
     *     full for too long)
     */
    void execute(BareJid user, Runnable task);
}
