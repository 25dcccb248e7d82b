package org.parley.server.vysper;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.authorization.AccountManagement;
import org.apache.vysper.xmpp.delivery.OfflineStanzaReceiver;
import org.apache.vysper.xmpp.delivery.failure.DeliveryException;
import org.apache.vysper.xmpp.delivery.failure.DeliveryFailureStrategy;
import org.apache.vysper.xmpp.delivery.inbound.DeliveringInternalInboundStanzaRelay;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vysper's local delivery, made order-preserving and bounded.
 *
 * <p>Vysper 0.7 hands every delivery to an unordered 10–20 thread pool with an unbounded queue, so 1–2.5 % of one
 * sender's chat messages arrived out of order. Here each delivery runs on the lane of its recipient's bare JID: a
 * sender's stanzas are relayed in order by its (ordered) processing thread, and one lane delivers them in that order.
 * Vysper's delivery logic itself (full/bare JID rules, offline receiver, failure strategies) is reused by running
 * the superclass on an inline executor.
 */
final class OrderedInternalRelay extends DeliveringInternalInboundStanzaRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedInternalRelay.class);

    private final StripedExecutor lanes;

    OrderedInternalRelay(Entity serverEntity, ResourceRegistry resources, AccountManagement accounts,
            OfflineStanzaReceiver offline, StripedExecutor lanes) {
        super(serverEntity, resources, accounts, offline);
        // the pool created by the superclass has started no thread yet; replace it before it does
        this.executor.shutdownNow();
        this.executor = new InlineExecutor();
        this.lanes = lanes;
    }

    @Override
    public void relay(Entity receiver, Stanza stanza, DeliveryFailureStrategy failureStrategy)
            throws DeliveryException {
        Object key = receiver == null ? "" : receiver.getBareJID().getFullQualifiedName();
        try {
            lanes.execute(key, () -> deliverNow(receiver, stanza, failureStrategy));
        } catch (RejectedExecutionException e) {
            throw new DeliveryException("could not queue delivery: " + e.getMessage());
        }
    }

    private void deliverNow(Entity receiver, Stanza stanza, DeliveryFailureStrategy failureStrategy) {
        try {
            super.relay(receiver, stanza, failureStrategy);
        } catch (DeliveryException | RuntimeException e) {
            LOG.warn("delivery to {} failed: {}", receiver, e.toString());
        }
    }

    /** Runs each task on the calling thread (the recipient's lane). */
    private static final class InlineExecutor extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
