package org.parley.roster.vysper;

import java.util.List;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.modules.DefaultModule;
import org.apache.vysper.xmpp.protocol.HandlerDictionary;
import org.apache.vysper.xmpp.protocol.NamespaceHandlerDictionary;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.parley.roster.RemovalPresences;
import org.parley.roster.RosterService;

/**
 * Parley's roster (RFC 6121 §2) as a Vysper module: the {@code jabber:iq:roster} handler over the H2-backed
 * {@link RosterService}, roster pushes, and the post-authentication stream features for roster versioning (§2.6.1)
 * and subscription pre-approval (§3.4.1).
 */
public final class RosterModule extends DefaultModule {

    private final RosterPusher pusher;
    private final RosterIqHandler handler;

    /** A module over {@code roster}, pushing through {@code pusher}, handing removal presences to {@code removals}. */
    public RosterModule(RosterService roster, RosterPusher pusher, RemovalPresences removals) {
        this.pusher = pusher;
        this.handler = new RosterIqHandler(roster, pusher, removals);
    }

    @Override
    public String getName() {
        return "Parley roster (RFC 6121)";
    }

    @Override
    public String getVersion() {
        return "1";
    }

    @Override
    public List<HandlerDictionary> getHandlerDictionaries() {
        NamespaceHandlerDictionary dictionary = new NamespaceHandlerDictionary(RosterStanzas.NAMESPACE);
        dictionary.register(handler);
        dictionary.seal();
        return List.of(dictionary);
    }

    @Override
    public void initialize(ServerRuntimeContext runtime) {
        pusher.attach(runtime.getResourceRegistry());
    }

    /**
     * The stream features this module adds after authentication: {@code <ver xmlns='urn:xmpp:features:rosterver'/>}
     * (RFC 6121 §2.6.1) and {@code <sub xmlns='urn:xmpp:features:pre-approval'/>} (§3.4.1).
     */
    public static List<XMLElement> streamFeatures() {
        return List.of(
                new XMLElement("urn:xmpp:features:rosterver", "ver", null, List.of(), List.of()),
                new XMLElement("urn:xmpp:features:pre-approval", "sub", null, List.of(), List.of()));
    }
}
