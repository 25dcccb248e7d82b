package org.parley.pep.vysper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.delivery.StanzaRelay;
import org.apache.vysper.xmpp.delivery.failure.DeliveryException;
import org.apache.vysper.xmpp.delivery.failure.IgnoreFailureStrategy;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.parley.caps.CapsCache;
import org.parley.caps.DiscoInfo;
import org.parley.pep.NotifyInterest;
import org.parley.routing.vysper.RoutingListener;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns what each available resource asked to be notified of (XEP-0163 §4.2): reads the XEP-0115 {@code <c/>} of
 * its presence, looks the {@code ver} up in the {@link CapsCache}, and otherwise asks the resource with a disco#info
 * query from the server and reads the answer ({@link #answer}). A resource that newly wants a node gets its last
 * items. Runs on the resource's session thread (presence and the answer both come from that session).
 */
final class CapsTracker implements RoutingListener {

    static final String CAPS = "http://jabber.org/protocol/caps";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final Logger LOG = LoggerFactory.getLogger(CapsTracker.class);
    /** Open queries at most; a client that never answers cannot grow the map without bound. */
    private static final int MAX_PENDING = 10_000;

    /** A query sent and not answered yet. */
    private record Pending(BareJid user, String resource, String hash, String ver) {}

    private final Entity server;
    private final CapsCache cache;
    private final NotifyInterest interest;
    private final PepNotifier notifier;
    private final Supplier<StanzaRelay> relay;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** full JID → "hash ver" of its latest caps: the same caps again need no work. */
    private final Map<String, String> current = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    CapsTracker(String domain, CapsCache cache, NotifyInterest interest, PepNotifier notifier,
            Supplier<StanzaRelay> relay) {
        this.server = EntityImpl.parseUnchecked(domain);
        this.cache = cache;
        this.interest = interest;
        this.notifier = notifier;
        this.relay = relay;
    }

    @Override
    public void available(BareJid user, String resource, Stanza presence, boolean owed) {
        Optional<XMLElement> c = PepStanzas.child(presence, "c", CAPS);
        if (c.isEmpty()) {
            return; // no caps in this presence: what the resource said before still holds (XEP-0115 §6.3)
        }
        String hash = c.get().getAttributeValue("hash");
        String ver = c.get().getAttributeValue("ver");
        String node = c.get().getAttributeValue("node");
        if (ver == null || node == null) {
            return;
        }
        String full = Jids.full(user, resource).getFullQualifiedName();
        String key = hash + ' ' + ver;
        if (key.equals(current.put(full, key))) {
            return;
        }
        Optional<Set<String>> known = hash == null ? Optional.empty() : cache.notifyNodes(hash, ver);
        if (known.isPresent()) {
            apply(user, resource, known.get());
        } else {
            ask(user, resource, hash, ver, node);
        }
    }

    @Override
    public void unavailable(BareJid user, String resource) {
        current.remove(Jids.full(user, resource).getFullQualifiedName());
        interest.remove(user, resource);
    }

    /** Whether {@code iq} answers one of this tracker's queries. */
    boolean isAnswer(Stanza iq) {
        String id = iq.getAttributeValue("id");
        return id != null && pending.containsKey(id);
    }

    /** The resource's answer to a query: its features, or an error (then it wants nothing). */
    void answer(Stanza iq, Entity from) {
        Pending p = pending.get(iq.getAttributeValue("id"));
        if (p == null || from == null || !from.equals(Jids.full(p.user(), p.resource()))) {
            return; // not from the resource asked: ignored, and the query stays open for the real answer
        }
        pending.remove(iq.getAttributeValue("id"));
        String full = from.getFullQualifiedName();
        if (!(p.hash() + ' ' + p.ver()).equals(current.get(full))) {
            return; // gone unavailable, or moved on to other caps since
        }
        Set<String> nodes = Set.of();
        if ("result".equals(iq.getAttributeValue("type"))) {
            Optional<XMLElement> query = PepStanzas.child(iq, "query", DISCO_INFO);
            if (query.isPresent()) {
                DiscoInfo info = discoInfo(query.get());
                if (p.hash() != null && !cache.putIfVerified(p.hash(), p.ver(), info)) {
                    // used for this resource only: a wrong ver must not teach the server about other clients
                    LOG.debug("caps of {} do not verify; not cached", full);
                }
                nodes = info.notifyNodes();
            }
        }
        apply(p.user(), p.resource(), nodes);
    }

    private void ask(BareJid user, String resource, String hash, String ver, String node) {
        if (pending.size() >= MAX_PENDING) {
            LOG.warn("{} capability queries unanswered; not asking {}/{}", MAX_PENDING, user, resource);
            return;
        }
        String id = "caps-" + ids.incrementAndGet();
        pending.put(id, new Pending(user, resource, hash, ver));
        Entity to = Jids.full(user, resource);
        Stanza query = StanzaBuilder.createIQStanza(server, to, IQStanzaType.GET, id)
                .startInnerElement("query", DISCO_INFO).addAttribute("node", node + "#" + ver).endInnerElement()
                .build();
        try {
            relay.get().relay(to, query, IgnoreFailureStrategy.IGNORE_FAILURE_STRATEGY);
        } catch (DeliveryException e) {
            pending.remove(id);
            LOG.debug("capability query to {} not delivered", to, e);
        }
    }

    private void apply(BareJid user, String resource, Set<String> nodes) {
        Set<String> added = interest.update(user, resource, nodes);
        if (!added.isEmpty()) {
            notifier.lastItems(user, resource, added);
        }
    }

    /** The parts of a disco#info result that XEP-0115 hashes. */
    static DiscoInfo discoInfo(XMLElement query) {
        List<DiscoInfo.Identity> identities = new ArrayList<>();
        List<String> features = new ArrayList<>();
        List<DiscoInfo.Form> forms = new ArrayList<>();
        for (XMLElement e : query.getInnerElements()) {
            if ("identity".equals(e.getName()) && DISCO_INFO.equals(e.getNamespaceURI())) {
                if (e.getAttributeValue("category") != null && e.getAttributeValue("type") != null) {
                    identities.add(new DiscoInfo.Identity(e.getAttributeValue("category"), e.getAttributeValue("type"),
                            e.getXMLLang(), e.getAttributeValue("name")));
                }
            } else if ("feature".equals(e.getName()) && DISCO_INFO.equals(e.getNamespaceURI())) {
                if (e.getAttributeValue("var") != null) {
                    features.add(e.getAttributeValue("var"));
                }
            } else if ("x".equals(e.getName()) && PepStanzas.DATA.equals(e.getNamespaceURI())) {
                form(e).ifPresent(forms::add);
            }
        }
        return new DiscoInfo(identities, features, forms);
    }

    private static Optional<DiscoInfo.Form> form(XMLElement x) {
        Map<String, List<String>> fields = new java.util.HashMap<>(PepStanzas.fields(x));
        List<String> formType = fields.remove("FORM_TYPE");
        if (formType == null || formType.size() != 1) {
            return Optional.empty(); // XEP-0115 §5.4 3.6: a form without FORM_TYPE is ignored
        }
        return Optional.of(new DiscoInfo.Form(formType.get(0), fields));
    }
}
