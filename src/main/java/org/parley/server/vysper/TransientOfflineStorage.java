package org.parley.server.vysper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.vysper.xmpp.modules.extension.xep0160_offline_storage.AbstractOfflineStorageProvider;
import org.apache.vysper.xmpp.stanza.Stanza;

/**
 * Holds messages for offline users in memory until they next sign on, as Vysper's memory provider does but without
 * its never-stopped expiry thread. Interim: the RFC 6121 issue (#3) moves offline messages into H2 so they survive a
 * restart.
 */
final class TransientOfflineStorage extends AbstractOfflineStorageProvider {

    private final Map<String, List<Stanza>> byBareJid = new HashMap<>();

    @Override
    protected synchronized void storeStanza(Stanza stanza) {
        byBareJid.computeIfAbsent(stanza.getTo().getBareJID().getFullQualifiedName(), k -> new ArrayList<>())
                .add(stanza);
    }

    @Override
    public synchronized Collection<Stanza> getStanzasForBareJID(String bareJid) {
        List<Stanza> stanzas = byBareJid.remove(bareJid);
        return stanzas == null ? List.of() : stanzas;
    }
}
