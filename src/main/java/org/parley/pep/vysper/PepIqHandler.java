package org.parley.pep.vysper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainer;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainerImpl;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.apache.vysper.xmpp.stanza.StanzaErrorType;
import org.parley.pep.NodeConfig;
import org.parley.pep.PepError;
import org.parley.pep.PepItem;
import org.parley.pep.PepNode;
import org.parley.pep.PepService;
import org.parley.pep.PepService.Outcome;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.AccountIqHandler;
import org.parley.xmpp.vysper.ErrorReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pubsub} and {@code pubsub#owner} IQs of a user's PEP service (XEP-0163, XEP-0060 §6–§8), addressed to
 * the user's own account (no 'to') or to another local account's bare JID: parses, asks {@link PepService}, answers,
 * and has the {@link PepNotifier} tell subscribers. Explicit subscriptions do not exist on a PEP service (XEP-0163
 * §4.3: they follow presence subscriptions), so subscription requests get {@code feature-not-implemented}.
 */
final class PepIqHandler extends AccountIqHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PepIqHandler.class);

    private final PepService service;
    private final PepNotifier notifier;
    private final Predicate<BareJid> accountExists;

    PepIqHandler(PepService service, PepNotifier notifier, Predicate<BareJid> accountExists) {
        super("pubsub");
        this.service = service;
        this.notifier = notifier;
        this.accountExists = accountExists;
    }

    @Override
    protected ResponseStanzaContainer handle(AccountIqHandler.Request request, ServerRuntimeContext runtime,
            SessionContext session) {
        IQStanza iq = request.iq();
        Optional<BareJid> owner = request.account();
        if (owner.isEmpty() || !accountExists.test(owner.get())) {
            // the domain has no pubsub service, and RFC 6121 §8.5.1: no such account
            return reply(error(iq, StanzaErrorCondition.SERVICE_UNAVAILABLE, StanzaErrorType.CANCEL, null));
        }
        XMLElement pubsub = iq.getFirstInnerElement();
        Optional<XMLElement> action = firstAction(pubsub);
        if (action.isEmpty()) {
            return reply(error(iq, StanzaErrorCondition.BAD_REQUEST, StanzaErrorType.MODIFY, null));
        }
        try {
            Request r = new Request(iq, request.requester(), owner.get(), pubsub, action.get(), session);
            return PepStanzas.OWNER.equals(pubsub.getNamespaceURI()) ? owner(r, request.type())
                    : user(r, request.type());
        } catch (StorageException e) {
            LOG.error("PEP {} of {} (IQ id {}) failed", action.get().getName(), owner.get(), iq.getID(), e);
            return reply(error(iq, StanzaErrorCondition.INTERNAL_SERVER_ERROR, StanzaErrorType.WAIT, null));
        }
    }

    /** One request's parts. */
    private record Request(IQStanza iq, BareJid requester, BareJid owner, XMLElement pubsub, XMLElement action,
            SessionContext session) {
        String node() {
            return action.getAttributeValue("node");
        }
    }

    private ResponseStanzaContainer user(Request r, IQStanzaType type) {
        String name = r.action().getName();
        boolean set = type == IQStanzaType.SET;
        if ("publish".equals(name) && set) {
            return publish(r);
        } else if ("items".equals(name) && !set) {
            return items(r);
        } else if ("retract".equals(name) && set) {
            return retract(r);
        } else if ("create".equals(name) && set) {
            Map<String, List<String>> config = PepStanzas.child(r.pubsub(), "configure", PepStanzas.PUBSUB)
                    .map(PepStanzas::formFields).orElse(Map.of());
            return done(r, service.create(r.requester(), r.owner(), r.node(), config));
        }
        return unsupported(r, Map.of("subscribe", "subscribe", "unsubscribe", "subscribe",
                "subscriptions", "retrieve-subscriptions", "affiliations", "retrieve-affiliations",
                "options", "subscription-options", "default", "retrieve-default"));
    }

    private ResponseStanzaContainer owner(Request r, IQStanzaType type) {
        String name = r.action().getName();
        boolean set = type == IQStanzaType.SET;
        if ("configure".equals(name)) {
            return set ? configure(r) : configuration(r);
        } else if ("default".equals(name) && !set) {
            return reply(result(r, PepStanzas.OWNER, b -> {
                b.startInnerElement("default", PepStanzas.OWNER);
                PepStanzas.addConfigForm(b, NodeConfig.DEFAULT);
                b.endInnerElement();
            }));
        } else if ("delete".equals(name) && set) {
            return done(r, service.delete(r.requester(), r.owner(), r.node()), notifier::deleted);
        } else if ("purge".equals(name) && set) {
            return done(r, service.purge(r.requester(), r.owner(), r.node()), notifier::purged);
        }
        return unsupported(r, Map.of("subscriptions", "manage-subscriptions",
                "affiliations", "modify-affiliations"));
    }

    /** XEP-0060 §7.1: exactly one item with exactly one payload; answered with the item id, then notified. */
    private ResponseStanzaContainer publish(Request r) {
        List<XMLElement> items = r.action().getInnerElementsNamed("item", PepStanzas.PUBSUB);
        if (items.size() > 1) {
            return reply(error(r.iq(), PepError.INVALID_PAYLOAD));
        }
        List<XMLElement> payloads = items.isEmpty() ? List.of() : items.get(0).getInnerElements();
        if (payloads.size() != 1) {
            return reply(error(r.iq(), payloads.isEmpty() ? PepError.ITEM_REQUIRED : PepError.INVALID_PAYLOAD));
        }
        Optional<String> text = PepStanzas.payloadText(payloads.get(0));
        if (text.isEmpty()) {
            return reply(error(r.iq(), PepError.INVALID_PAYLOAD));
        }
        Map<String, List<String>> options = PepStanzas.child(r.pubsub(), "publish-options", PepStanzas.PUBSUB)
                .map(PepStanzas::formFields).orElse(Map.of());
        Outcome<PepService.Published> published = service.publish(r.requester(), r.owner(), r.node(),
                Optional.ofNullable(items.get(0).getAttributeValue("id")), text.get(), options);
        if (!published.ok()) {
            return reply(error(r.iq(), published.error()));
        }
        PepItem item = published.value().item();
        r.session().getResponseWriter().write(result(r, PepStanzas.PUBSUB, b -> b.startInnerElement("publish",
                PepStanzas.PUBSUB).addAttribute("node", r.node()).startInnerElement("item", PepStanzas.PUBSUB).addAttribute("id", item.id())
                .endInnerElement().endInnerElement()));
        notifier.published(published.value().node(), item, payloads.get(0));
        return null;
    }

    /** XEP-0060 §6.5: the newest items (at most max_items), or the ones asked for by id; oldest first. */
    private ResponseStanzaContainer items(Request r) {
        if (r.node() == null) {
            return reply(error(r.iq(), PepError.NODEID_REQUIRED));
        }
        int max = NodeConfig.MAX_ITEMS_LIMIT;
        String maxItems = r.action().getAttributeValue("max_items");
        if (maxItems != null) {
            try {
                max = Math.min(Integer.parseInt(maxItems.trim()), NodeConfig.MAX_ITEMS_LIMIT);
            } catch (NumberFormatException e) {
                max = 0;
            }
            if (max < 1) {
                return reply(error(r.iq(), PepError.BAD_REQUEST));
            }
        }
        List<String> ids = new ArrayList<>();
        for (XMLElement item : r.action().getInnerElementsNamed("item", PepStanzas.PUBSUB)) {
            if (item.getAttributeValue("id") != null) {
                ids.add(item.getAttributeValue("id"));
            }
        }
        Outcome<List<PepItem>> found = service.items(r.requester(), r.owner(), r.node(), max, ids);
        if (!found.ok()) {
            return reply(error(r.iq(), found.error()));
        }
        List<PepItem> oldestFirst = new ArrayList<>(found.value());
        java.util.Collections.reverse(oldestFirst);
        return reply(result(r, PepStanzas.PUBSUB, b -> {
            b.startInnerElement("items", PepStanzas.PUBSUB).addAttribute("node", r.node());
            for (PepItem item : oldestFirst) {
                PepStanzas.addItem(b, PepStanzas.PUBSUB, item, PepStanzas.parsePayload(item.payload()));
            }
            b.endInnerElement();
        }));
    }

    /** XEP-0060 §7.2: one item; subscribers hear of it only when the publisher asks (notify). */
    private ResponseStanzaContainer retract(Request r) {
        List<XMLElement> items = r.action().getInnerElementsNamed("item", PepStanzas.PUBSUB);
        if (r.node() == null) {
            return reply(error(r.iq(), PepError.NODEID_REQUIRED));
        }
        if (items.size() != 1 || items.get(0).getAttributeValue("id") == null) {
            return reply(error(r.iq(), PepError.BAD_REQUEST));
        }
        String id = items.get(0).getAttributeValue("id");
        String notify = r.action().getAttributeValue("notify");
        boolean tell = "true".equals(notify) || "1".equals(notify);
        return done(r, service.retract(r.requester(), r.owner(), r.node(), id), node -> {
            if (tell) {
                notifier.retracted(node, id);
            }
        });
    }

    private ResponseStanzaContainer configuration(Request r) {
        Outcome<PepNode> node = service.configuration(r.requester(), r.owner(), r.node());
        if (!node.ok()) {
            return reply(error(r.iq(), node.error()));
        }
        return reply(result(r, PepStanzas.OWNER, b -> {
            b.startInnerElement("configure", PepStanzas.OWNER).addAttribute("node", r.node());
            PepStanzas.addConfigForm(b, node.value().config());
            b.endInnerElement();
        }));
    }

    /** XEP-0060 §8.2.4; a cancelled form (§8.2.5.2) changes nothing. */
    private ResponseStanzaContainer configure(Request r) {
        Optional<XMLElement> form = PepStanzas.child(r.action(), "x", PepStanzas.DATA);
        if (form.isEmpty()) {
            return reply(error(r.iq(), PepError.BAD_REQUEST));
        }
        if ("cancel".equals(form.get().getAttributeValue("type"))) {
            return done(r, service.configuration(r.requester(), r.owner(), r.node()));
        }
        return done(r, service.configure(r.requester(), r.owner(), r.node(), PepStanzas.fields(form.get())));
    }

    private ResponseStanzaContainer done(Request r, Outcome<PepNode> outcome) {
        return done(r, outcome, node -> { });
    }

    /** An empty result for a successful owner action, then {@code after}; or the error. */
    private ResponseStanzaContainer done(Request r, Outcome<PepNode> outcome,
            java.util.function.Consumer<PepNode> after) {
        if (!outcome.ok()) {
            return reply(error(r.iq(), outcome.error()));
        }
        r.session().getResponseWriter().write(StanzaBuilder.createDirectReply(r.iq(), false, IQStanzaType.RESULT)
                .build());
        after.accept(outcome.value());
        return null;
    }

    private ResponseStanzaContainer unsupported(Request r, Map<String, String> features) {
        String feature = features.get(r.action().getName());
        if (feature == null) {
            return reply(error(r.iq(), StanzaErrorCondition.BAD_REQUEST, StanzaErrorType.MODIFY, null));
        }
        return reply(error(r.iq(), StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED, StanzaErrorType.CANCEL,
                PepStanzas.errorCondition("unsupported", feature)));
    }

    private static Optional<XMLElement> firstAction(XMLElement pubsub) {
        for (XMLElement e : pubsub.getInnerElements()) {
            String name = e.getName();
            if (!"publish-options".equals(name) && !("configure".equals(name)
                    && PepStanzas.PUBSUB.equals(e.getNamespaceURI()) && pubsub.getInnerElements().size() > 1)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static Stanza result(Request r, String namespace, java.util.function.Consumer<StanzaBuilder> body) {
        StanzaBuilder b = StanzaBuilder.createDirectReply(r.iq(), false, IQStanzaType.RESULT);
        b.startInnerElement("pubsub", namespace);
        body.accept(b);
        return b.endInnerElement().build();
    }

    private static Stanza error(IQStanza iq, PepError error) {
        StanzaErrorCondition condition = StanzaErrorCondition.valueOf(
                error.condition().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        StanzaErrorType type = StanzaErrorType.valueOf(error.type().name());
        XMLElement specific = error.pubsubCondition() == null ? null
                : PepStanzas.errorCondition(error.pubsubCondition(), null);
        return error(iq, condition, type, specific);
    }

    private static Stanza error(IQStanza iq, StanzaErrorCondition condition, StanzaErrorType type,
            XMLElement specific) {
        return ErrorReplies.of(iq, type.value(), condition, specific);
    }

    private static ResponseStanzaContainer reply(Stanza stanza) {
        return new ResponseStanzaContainerImpl(stanza);
    }
}
