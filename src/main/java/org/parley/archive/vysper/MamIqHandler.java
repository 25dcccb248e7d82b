package org.parley.archive.vysper;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainer;
import org.apache.vysper.xmpp.protocol.ResponseStanzaContainerImpl;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.IQStanza;
import org.apache.vysper.xmpp.stanza.IQStanzaType;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.apache.vysper.xmpp.stanza.StanzaBuilder;
import org.apache.vysper.xmpp.stanza.StanzaErrorCondition;
import org.parley.archive.ArchiveDefault;
import org.parley.archive.ArchiveError;
import org.parley.archive.ArchiveException;
import org.parley.archive.ArchivePage;
import org.parley.archive.ArchivePrefs;
import org.parley.archive.ArchiveQuery;
import org.parley.archive.ArchiveService;
import org.parley.archive.ArchivedMessage;
import org.parley.offline.OfflineDelivery;
import org.parley.storage.StorageException;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.AccountIqHandler;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.StanzaXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code urn:xmpp:mam:2} IQs on a user's own archive (no 'to', or the user's bare JID): {@code <query/>} get
 * (the form, XEP-0313 §4.1.5) and set (the results as messages, then {@code <fin/>}, §4.2), {@code <prefs/>} get
 * and set, and {@code <metadata/>} get (§6, #extended). Another user's archive is {@code forbidden} (§8.1).
 */
final class MamIqHandler extends AccountIqHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MamIqHandler.class);
    private static final Set<String> CHILDREN = Set.of("query", "prefs", "metadata");

    private final ArchiveService service;

    MamIqHandler(ArchiveService service) {
        super("query");
        this.service = service;
    }

    @Override
    public boolean verify(Stanza stanza) {
        if (!IQStanza.isOfType(stanza)) {
            return false;
        }
        XMLElement child = stanza.getFirstInnerElement();
        return child != null && MamStanzas.MAM.equals(child.getNamespaceURI()) && CHILDREN.contains(child.getName());
    }

    @Override
    protected ResponseStanzaContainer handle(AccountIqHandler.Request request, ServerRuntimeContext runtime,
            SessionContext session) {
        IQStanza iq = request.iq();
        if (request.account().isEmpty()) {
            return error(iq, StanzaErrorCondition.SERVICE_UNAVAILABLE, "cancel", null); // not an archive's address
        }
        BareJid owner = request.account().get();
        if (!owner.equals(request.requester())) {
            return error(iq, StanzaErrorCondition.FORBIDDEN, "auth", null); // XEP-0313 §8.1
        }
        XMLElement child = iq.getFirstInnerElement();
        boolean set = request.type() == IQStanzaType.SET;
        try {
            return switch (child.getName()) {
                case "query" -> set ? query(iq, owner, child, session, runtime) : reply(iq, MamIqHandler::queryForm);
                case "prefs" -> set ? setPrefs(iq, owner, child) : prefs(iq, service.prefs(owner));
                default -> set ? error(iq, StanzaErrorCondition.BAD_REQUEST, "modify", "metadata is read with get")
                        : metadata(iq, owner);
            };
        } catch (ArchiveException e) {
            return error(iq, condition(e.error()), e.error() == ArchiveError.FORBIDDEN ? "auth"
                    : e.error() == ArchiveError.BAD_REQUEST ? "modify" : "cancel", e.getMessage());
        } catch (StorageException e) {
            LOG.error("archive {} of {} (IQ id {}) failed", child.getName(), owner, iq.getID(), e);
            return error(iq, StanzaErrorCondition.INTERNAL_SERVER_ERROR, "wait", null);
        }
    }

    private ResponseStanzaContainer query(IQStanza iq, BareJid owner, XMLElement query, SessionContext session,
            ServerRuntimeContext runtime) throws ArchiveException {
        boolean flip = MamStanzas.child(query, "flip-page", MamStanzas.MAM).isPresent();
        ArchiveQuery parsed = ArchiveQuery.parse(MamStanzas.formFields(query), MamStanzas.rsm(query), flip);
        ArchivePage page = service.query(owner, parsed);
        String queryId = query.getAttributeValue("queryid");
        String resource = runtime.getResourceRegistry().getUniqueResourceForSession(session);
        Entity to = resource == null ? Jids.entity(owner) : Jids.full(owner, resource);
        for (ArchivedMessage m : page.messages()) {
            // written ahead of the IQ result on the same session, in order (§4.2: results, then the result IQ)
            session.getResponseWriter().write(result(owner, to, queryId, iq.getID(), m));
        }
        return reply(iq, b -> {
            b.startInnerElement("fin", MamStanzas.MAM);
            if (page.complete()) {
                b.addAttribute("complete", "true");
            }
            b.startInnerElement("set", MamStanzas.RSM);
            if (page.first() != null) {
                b.startInnerElement("first", MamStanzas.RSM).addText(page.first()).endInnerElement();
                b.startInnerElement("last", MamStanzas.RSM).addText(page.last()).endInnerElement();
            }
            b.startInnerElement("count", MamStanzas.RSM).addText(Long.toString(page.count())).endInnerElement();
            b.endInnerElement().endInnerElement();
        });
    }

    /** One result message (§4.2): the stored message forwarded (XEP-0297) with its stamp (XEP-0203). */
    private static Stanza result(BareJid owner, Entity to, String queryId, String iqId, ArchivedMessage m) {
        StanzaBuilder b = new StanzaBuilder("message", MamStanzas.CLIENT);
        b.addAttribute("from", owner.toString());
        if (to != null) {
            b.addAttribute("to", to.getFullQualifiedName());
        }
        b.addAttribute("id", iqId + "-" + m.archiveId()); // unique per query and message
        b.startInnerElement("result", MamStanzas.MAM).addAttribute("id", m.archiveId());
        if (queryId != null) {
            b.addAttribute("queryid", queryId);
        }
        b.startInnerElement("forwarded", MamStanzas.FORWARD)
                .startInnerElement("delay", OfflineDelivery.DELAY_NAMESPACE).addAttribute("stamp", OfflineDelivery.delayStamp(m.at()))
                .endInnerElement()
                .addPreparedElement(StanzaXml.parse(m.stanza()))
                .endInnerElement().endInnerElement();
        return b.build();
    }

    /** The query form (§4.1.5): the fields this archive understands; 'ids' is open (XEP-0122). */
    private static void queryForm(StanzaBuilder b) {
        b.startInnerElement("query", MamStanzas.MAM).startInnerElement("x", MamStanzas.DATA)
                .addAttribute("type", "form");
        b.startInnerElement("field", MamStanzas.DATA).addAttribute("type", "hidden").addAttribute("var", "FORM_TYPE")
                .startInnerElement("value", MamStanzas.DATA).addText(ArchiveQuery.NAMESPACE).endInnerElement()
                .endInnerElement();
        for (String var : ArchiveQuery.FIELDS) {
            String type = switch (var) {
                case "with" -> "jid-single";
                case "ids" -> "list-multi";
                default -> "text-single";
            };
            b.startInnerElement("field", MamStanzas.DATA).addAttribute("type", type).addAttribute("var", var);
            if (var.equals("ids")) {
                b.startInnerElement("validate", "http://jabber.org/protocol/xdata-validate")
                        .addAttribute("datatype", "xs:string").startInnerElement("open",
                                "http://jabber.org/protocol/xdata-validate").endInnerElement().endInnerElement();
            }
            b.endInnerElement();
        }
        b.endInnerElement().endInnerElement();
    }

    private ResponseStanzaContainer setPrefs(IQStanza iq, BareJid owner, XMLElement prefs) throws ArchiveException {
        Optional<ArchiveDefault> rule = ArchiveDefault.fromWire(prefs.getAttributeValue("default"));
        if (rule.isEmpty()) {
            throw new ArchiveException(ArchiveError.BAD_REQUEST, "'default' must be always, never or roster");
        }
        ArchivePrefs wanted;
        try {
            wanted = new ArchivePrefs(rule.get(), jids(prefs, "always"), jids(prefs, "never"));
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(ArchiveError.BAD_REQUEST, e.getMessage());
        }
        if (!service.setPrefs(owner, wanted)) {
            return error(iq, StanzaErrorCondition.ITEM_NOT_FOUND, "cancel", null); // the account is gone
        }
        return prefs(iq, wanted);
    }

    private static Set<String> jids(XMLElement prefs, String list) throws ArchiveException {
        Set<String> jids = new HashSet<>();
        Optional<XMLElement> element = MamStanzas.child(prefs, list, MamStanzas.MAM);
        if (element.isEmpty()) {
            return jids;
        }
        for (XMLElement jid : element.get().getInnerElementsNamed("jid", MamStanzas.MAM)) {
            String text = MamStanzas.text(jid).trim();
            try {
                jids.add(text.indexOf('@') >= 0 ? BareJid.parse(text).toString() : new BareJid("x", text).domain());
            } catch (IllegalArgumentException e) {
                throw new ArchiveException(ArchiveError.BAD_REQUEST, "not a bare JID in <" + list + "/>");
            }
        }
        return jids;
    }

    private static ResponseStanzaContainer prefs(IQStanza iq, ArchivePrefs prefs) {
        return reply(iq, b -> {
            b.startInnerElement("prefs", MamStanzas.MAM).addAttribute("default", prefs.defaultRule().wire());
            for (String list : List.of("always", "never")) {
                b.startInnerElement(list, MamStanzas.MAM);
                for (String jid : list.equals("always") ? prefs.always() : prefs.never()) {
                    b.startInnerElement("jid", MamStanzas.MAM).addText(jid).endInnerElement();
                }
                b.endInnerElement();
            }
            b.endInnerElement();
        });
    }

    private ResponseStanzaContainer metadata(IQStanza iq, BareJid owner) {
        Optional<ArchiveService.Bounds> bounds = service.bounds(owner);
        return reply(iq, b -> {
            b.startInnerElement("metadata", MamStanzas.MAM);
            bounds.ifPresent(x -> {
                b.startInnerElement("start", MamStanzas.MAM).addAttribute("id", x.first().archiveId())
                        .addAttribute("timestamp", OfflineDelivery.delayStamp(x.first().at())).endInnerElement();
                b.startInnerElement("end", MamStanzas.MAM).addAttribute("id", x.last().archiveId())
                        .addAttribute("timestamp", OfflineDelivery.delayStamp(x.last().at())).endInnerElement();
            });
            b.endInnerElement();
        });
    }

    private static ResponseStanzaContainer reply(IQStanza iq, Consumer<StanzaBuilder> body) {
        StanzaBuilder b = StanzaBuilder.createDirectReply(iq, false, IQStanzaType.RESULT);
        body.accept(b);
        return new ResponseStanzaContainerImpl(b.build());
    }

    /**
     * The error reply, without the request's payload (RFC 6120 §8.3.1 makes echoing it optional): a query form
     * refused for being malformed would be malformed again in the answer, and Smack drops the connection over it.
     */
    private static ResponseStanzaContainer error(IQStanza iq, StanzaErrorCondition condition, String type,
            String text) {
        StanzaBuilder b = StanzaBuilder.createDirectReply(iq, false, "error");
        b.startInnerElement("error", NamespaceURIs.JABBER_CLIENT).addAttribute("type", type)
                .startInnerElement(condition.value(), NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_STANZAS)
                .endInnerElement();
        if (text != null) {
            b.startInnerElement("text", NamespaceURIs.URN_IETF_PARAMS_XML_NS_XMPP_STANZAS)
                    .addAttribute(NamespaceURIs.XML, "lang", "en").addText(text).endInnerElement();
        }
        return new ResponseStanzaContainerImpl(b.endInnerElement().build());
    }

    private static StanzaErrorCondition condition(ArchiveError error) {
        return switch (error) {
            case BAD_REQUEST -> StanzaErrorCondition.BAD_REQUEST;
            case FEATURE_NOT_IMPLEMENTED -> StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED;
            case ITEM_NOT_FOUND -> StanzaErrorCondition.ITEM_NOT_FOUND;
            case FORBIDDEN -> StanzaErrorCondition.FORBIDDEN;
        };
    }
}
