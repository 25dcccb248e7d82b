package org.parley.routing.vysper;

import java.util.ArrayList;
import java.util.List;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.xmpp.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered listeners of the message path. The composition root registers each feature's listener once, in the
 * order they should run, and seals the hooks before the server accepts connections (as HikariCP seals its
 * configuration); after that the list never changes, so firing reads it without a lock.
 */
public final class RoutingHooks {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingHooks.class);

    private final List<RoutingListener> building = new ArrayList<>();
    private volatile List<RoutingListener> listeners = List.of();
    private volatile boolean sealed;

    /** Adds {@code listener} after those registered so far. */
    public synchronized void register(RoutingListener listener) {
        if (sealed) {
            throw new IllegalStateException("routing hooks are sealed: register listeners before the server starts");
        }
        building.add(listener);
        listeners = List.copyOf(building);
    }

    /** No more listeners: the list is final. */
    public synchronized void seal() {
        sealed = true;
    }

    /** The registered listeners, in order. */
    public List<RoutingListener> listeners() {
        return listeners;
    }

    public boolean received(SessionContext session, Stanza stanza) {
        for (RoutingListener listener : listeners) {
            try {
                if (listener.received(session, stanza)) {
                    return true;
                }
            } catch (RuntimeException e) {
                failed(listener, "received", e);
            }
        }
        return false;
    }

    /**
     * The stanza to route after every listener had its say, or null when one took it. A listener's exception is
     * not caught: the router bounces the stanza (see {@link RoutingListener#routing}).
     */
    public Stanza routing(BareJid user, String resource, Stanza stanza) {
        Stanza current = stanza;
        for (RoutingListener listener : listeners) {
            current = listener.routing(user, resource, current);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    public void routed(BareJid user, String resource, Stanza stanza, List<String> resources) {
        for (RoutingListener listener : listeners) {
            try {
                listener.routed(user, resource, stanza, resources);
            } catch (RuntimeException e) {
                failed(listener, "routed", e);
            }
        }
    }

    /** The stanza to write after every listener had its say, or null when one held it back. */
    public Stanza beforeDelivery(BareJid user, String resource, Stanza stanza) {
        Stanza current = stanza;
        for (RoutingListener listener : listeners) {
            try {
                current = listener.beforeDelivery(user, resource, current);
            } catch (RuntimeException e) {
                failed(listener, "beforeDelivery", e);
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    public void delivered(BareJid user, String resource, Stanza stanza) {
        for (RoutingListener listener : listeners) {
            try {
                listener.delivered(user, resource, stanza);
            } catch (RuntimeException e) {
                failed(listener, "delivered", e);
            }
        }
    }

    /**
     * Offers an undeliverable message to each listener until one stores or refuses it; tells the others when it was
     * stored. A listener's storage failure (an unchecked {@code StorageException}) reaches the caller, who bounces.
     */
    public RoutingListener.Undeliverable undeliverable(BareJid user, Stanza stanza) {
        for (RoutingListener listener : listeners) {
            RoutingListener.Undeliverable verdict = listener.undeliverable(user, stanza);
            if (verdict == RoutingListener.Undeliverable.STORED) {
                for (RoutingListener other : listeners) {
                    try {
                        other.storedOffline(user, stanza);
                    } catch (RuntimeException e) {
                        failed(other, "storedOffline", e);
                    }
                }
            }
            if (verdict != RoutingListener.Undeliverable.PASS) {
                return verdict;
            }
        }
        return RoutingListener.Undeliverable.PASS;
    }

    public void bounced(Stanza original, Stanza error) {
        for (RoutingListener listener : listeners) {
            try {
                listener.bounced(original, error);
            } catch (RuntimeException e) {
                failed(listener, "bounced", e);
            }
        }
    }

    /** Asks each listener; returns, per listener in order, whether it is owed an {@code available} call. */
    public boolean[] beforeAvailable(BareJid user, String resource, int priority) {
        List<RoutingListener> all = listeners;
        boolean[] owed = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
            try {
                owed[i] = all.get(i).beforeAvailable(user, resource, priority);
            } catch (RuntimeException e) {
                failed(all.get(i), "beforeAvailable", e);
            }
        }
        return owed;
    }

    /** {@code owed} from {@link #beforeAvailable}, or null for a subsequent presence. */
    public void available(BareJid user, String resource, Stanza presence, boolean[] owed) {
        List<RoutingListener> all = listeners;
        for (int i = 0; i < all.size(); i++) {
            try {
                all.get(i).available(user, resource, presence, owed != null && i < owed.length && owed[i]);
            } catch (RuntimeException e) {
                failed(all.get(i), "available", e);
            }
        }
    }

    public void unavailable(BareJid user, String resource) {
        for (RoutingListener listener : listeners) {
            try {
                listener.unavailable(user, resource);
            } catch (RuntimeException e) {
                failed(listener, "unavailable", e);
            }
        }
    }

    public void resumed(BareJid user, String resource) {
        for (RoutingListener listener : listeners) {
            try {
                listener.resumed(user, resource);
            } catch (RuntimeException e) {
                failed(listener, "resumed", e);
            }
        }
    }

    public void resourceEnded(BareJid user, String resource) {
        for (RoutingListener listener : listeners) {
            try {
                listener.resourceEnded(user, resource);
            } catch (RuntimeException e) {
                failed(listener, "resourceEnded", e);
            }
        }
    }

    public void sessionEnded(SessionContext session, List<Stanza> undelivered) {
        for (RoutingListener listener : listeners) {
            try {
                listener.sessionEnded(session, undelivered);
            } catch (RuntimeException e) {
                failed(listener, "sessionEnded", e);
            }
        }
    }

    private static void failed(RoutingListener listener, String hook, RuntimeException e) {
        LOG.error("routing listener {} failed in {}", listener.getClass().getName(), hook, e);
    }
}
