package org.parley.archive.vysper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.stanza.MessageStanza;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.parley.archive.Archivability;
import org.parley.archive.ArchiveIds;
import org.parley.archive.ArchiveService;
import org.parley.archive.ArchiveStore;
import org.parley.archive.ArchiveWriter;
import org.parley.routing.vysper.RoutingListener;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.Jids;
import org.parley.xmpp.vysper.StanzaXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives messages on their way to a local user ({@link #routing}, once per message whatever happens next:
 * delivery to one or more resources, offline storage, or a bounce): once in the recipient's archive and, when the
 * sender is a local user too, once in the sender's, each as its preferences allow. The recipient's copy, and so
 * what offline storage keeps, gets the archive id as {@code <stanza-id by='recipient'/>} (XEP-0313 §3.5,
 * XEP-0359); a stanza-id a client put in claiming to be by either archive is removed first. The write is a group
 * commit on the sender's processing thread (ADR 0022): the message is durable in the archive before it is routed
 * on, and a storage failure bounces it with {@code internal-server-error}.
 *
 * <p>A message that is bounced after all (no such account, over the offline quota) is taken out of the
 * recipient's archive again (XEP-0313 §5.1: an archive holds what the user would have received). Messages a closed
 * session hands back are routed a second time; they were archived the first time and pass unchanged.
 */
public final class ArchiveListener implements RoutingListener {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveListener.class);

    private final String domain;
    private final ArchiveService service;
    private final ArchiveWriter writer;
    /** Messages a closed session handed back, between {@link #sessionEnded} and their second {@link #routing}. */
    private final Set<Stanza> rerouted = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    /** The message this thread stamped last, so a bounce of exactly that message can be undone. */
    private final ThreadLocal<Stanza> lastStamped = new ThreadLocal<>();

    public ArchiveListener(String domain, ArchiveService service, ArchiveWriter writer) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.service = Objects.requireNonNull(service, "service");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public Stanza routing(BareJid user, String resource, Stanza stanza) {
        if (!MessageStanza.isOfType(stanza)) {
            return stanza;
        }
        if (!rerouted.isEmpty() && rerouted.remove(stanza)) {
            return stanza; // archived (and stamped) when it was routed the first time
        }
        lastStamped.remove();
        Entity from = stanza.getFrom();
        Optional<BareJid> sender = from != null && domain.equals(from.getDomain()) ? Jids.user(from)
                : Optional.empty();
        List<String> archives = new ArrayList<>(2);
        archives.add(user.toString());
        sender.ifPresent(s -> archives.add(s.toString()));
        Stanza clean = MamStanzas.withoutStanzaIds(stanza, archives);
        if (from == null || !Archivability.keeps(MamStanzas.facts(clean))) {
            return clean;
        }
        String xml;
        try {
            xml = StanzaXml.render(clean);
        } catch (IllegalArgumentException e) {
            return clean; // a character XML cannot carry: offline storage refuses it with a reason; not archived
        }
        String with = sender.map(BareJid::toString).orElse(from.getDomain());
        List<ArchiveWriter.Draft> drafts = new ArrayList<>(2);
        boolean toSelf = sender.isPresent() && sender.get().equals(user);
        if (service.keeps(user, with)) {
            drafts.add(new ArchiveWriter.Draft(user, with, from.getResource(), toSelf, xml));
        }
        boolean recipientFirst = !drafts.isEmpty();
        if (sender.isPresent() && !toSelf && service.keeps(sender.get(), user.toString())) {
            drafts.add(new ArchiveWriter.Draft(sender.get(), user.toString(), resource, true, xml));
        }
        if (drafts.isEmpty()) {
            return clean;
        }
        List<Long> ids = writer.append(drafts); // a failure reaches the router, which bounces the message
        if (!recipientFirst || ids.get(0) == ArchiveStore.NOT_KEPT) {
            return clean;
        }
        Stanza stamped = MamStanzas.withStanzaId(clean, user.toString(), ArchiveIds.format(ids.get(0)));
        lastStamped.set(stamped);
        return stamped;
    }

    @Override
    public void routed(BareJid user, String resource, Stanza stanza, List<String> resources) {
        lastStamped.remove();
    }

    @Override
    public void storedOffline(BareJid user, Stanza stanza) {
        lastStamped.remove();
    }

    @Override
    public void bounced(Stanza original, Stanza error) {
        Stanza stamped = lastStamped.get();
        if (stamped == null || stamped != original) {
            return; // not the message this thread just archived (a forged stanza-id proves nothing)
        }
        lastStamped.remove();
        Entity to = original.getTo();
        Optional<BareJid> recipient = Jids.user(to);
        if (recipient.isEmpty()) {
            return;
        }
        OptionalLong id = MamStanzas.stanzaId(original, recipient.get().toString()).map(ArchiveIds::parse)
                .orElse(OptionalLong.empty());
        if (id.isPresent()) {
            service.store().delete(recipient.get(), id.getAsLong());
            LOG.debug("a message to {} was bounced: taken out of their archive", recipient.get());
        }
    }

    @Override
    public void sessionEnded(SessionContext session, List<Stanza> undelivered) {
        for (Stanza stanza : undelivered) {
            if (MessageStanza.isOfType(stanza)) {
                rerouted.add(stanza);
            }
        }
    }
}
