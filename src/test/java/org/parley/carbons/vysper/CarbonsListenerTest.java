package org.parley.carbons.vysper;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.server.ServerRuntimeContext;
import org.apache.vysper.xmpp.server.SessionContext;
import org.apache.vysper.xmpp.state.resourcebinding.ResourceRegistry;
import org.apache.vysper.xmpp.stanza.Stanza;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.carbons.CarbonRules;
import org.parley.carbons.EnabledResources;
import org.parley.xmpp.BareJid;
import org.parley.xmpp.vysper.StanzaXml;

/** {@link CarbonsListener} on the hooks, with a recording delivery: who gets which copy. */
class CarbonsListenerTest {

    private static final BareJid ROMEO = BareJid.parse("romeo@example.org");

    record Copy(BareJid user, String resource, Stanza stanza) {
        String kind() {
            return stanza.getInnerElements().get(0).getName();
        }
    }

    private final EnabledResources enabled = new EnabledResources();
    private final List<Copy> copies = new CopyOnWriteArrayList<>();
    private final CarbonsListener listener = new CarbonsListener(enabled, (user, resource, stanza) -> {
        copies.add(new Copy(user, resource, stanza));
        return true;
    });

    private static Stanza parse(String xml) {
        return StanzaXml.parse(xml);
    }

    private void enable(String... resources) {
        for (String r : resources) {
            enabled.enable(ROMEO, r);
        }
    }

    private List<String> targets() {
        return copies.stream().map(Copy::resource).sorted().toList();
    }

    /** A session of romeo's {@code resource}, as the intake hands it to {@code received}. */
    private static SessionContext session(String resource) {
        ResourceRegistry registry = new ResourceRegistry() {
            @Override
            public String getUniqueResourceForSession(SessionContext session) {
                return resource;
            }
        };
        ServerRuntimeContext runtime = (ServerRuntimeContext) Proxy.newProxyInstance(
                CarbonsListenerTest.class.getClassLoader(), new Class<?>[] {ServerRuntimeContext.class},
                (proxy, method, args) -> "getResourceRegistry".equals(method.getName()) ? registry : null);
        return (SessionContext) Proxy.newProxyInstance(CarbonsListenerTest.class.getClassLoader(),
                new Class<?>[] {SessionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInitiatingEntity" -> EntityImpl.parseUnchecked("romeo@example.org");
                    case "getServerRuntimeContext" -> runtime;
                    default -> null;
                });
    }

    @Test
    @DisplayName("§7: copies go to the enabled resources the message was not written to")
    void receivedNotToItsRecipients() {
        enable("garden", "home", "phone");
        Stanza chat = parse("<message xmlns='jabber:client' from='juliet@example.org/balcony'"
                + " to='romeo@example.org' type='chat'><body>hi</body></message>");
        listener.routed(ROMEO, null, chat, List.of("garden", "home"));
        assertThat(targets()).containsExactly("phone");
        assertThat(copies.get(0).kind()).isEqualTo("received");
    }

    @Test
    @DisplayName("§8: a message the user sends is copied, unstamped 'from' filled from the session; not to the sender")
    void sentCopies() {
        enable("garden", "home", "phone");
        Stanza chat = parse("<message xmlns='jabber:client' to='juliet@example.org' type='chat'><body>hi</body>"
                + "</message>");
        assertThat(listener.received(session("home"), chat)).as("never consumes").isFalse();
        assertThat(targets()).containsExactly("garden", "phone");
        assertThat(copies.get(0).kind()).isEqualTo("sent");
        assertThat(StanzaXml.render(copies.get(0).stanza())).contains("from=\"romeo@example.org/home\"");
    }

    @Test
    @DisplayName("between the user's own resources: no <sent/> copies; <received/> ones, not back to the sender")
    void ownResources() {
        enable("garden", "home", "phone");
        Stanza chat = parse("<message xmlns='jabber:client' to='romeo@example.org/garden' type='chat'>"
                + "<body>note to self</body></message>");
        listener.received(session("home"), chat);
        assertThat(copies).isEmpty();
        Stanza routed = parse("<message xmlns='jabber:client' from='romeo@example.org/home'"
                + " to='romeo@example.org/garden' type='chat'><body>note to self</body></message>");
        listener.routed(ROMEO, "garden", routed, List.of("garden"));
        assertThat(targets()).containsExactly("phone");
    }

    @Test
    @DisplayName("the server's bounce is not copied, a client's error with other addresses is")
    void bounce() {
        enable("garden", "home");
        Stanza original = parse("<message xmlns='jabber:client' from='romeo@example.org/garden'"
                + " to='juliet@example.org/gone' id='m1'><body>hi</body></message>");
        Stanza error = parse("<message xmlns='jabber:client' from='juliet@example.org/gone'"
                + " to='romeo@example.org/garden' id='m1' type='error'><body>hi</body><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
        listener.bounced(original, error);
        // a listener before carbons (the archive) may have replaced it with a changed copy: same addresses and id
        listener.routed(ROMEO, "garden", parse(StanzaXml.render(error)), List.of("garden"));
        assertThat(copies).isEmpty();

        Stanza clientError = parse("<message xmlns='jabber:client' from='juliet@example.org/balcony'"
                + " to='romeo@example.org/garden' id='m2' type='error'><error type='cancel'>"
                + "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
        listener.routed(ROMEO, "garden", clientError, List.of("garden"));
        assertThat(targets()).containsExactly("home");
    }

    @Test
    @DisplayName("a copy is not copied, nor a PEP notification from a bare JID")
    void notCopied() {
        enable("garden", "home");
        Stanza carbon = CarbonCopies.received(parse("<message xmlns='jabber:client' from='juliet@example.org/b'"
                + " to='romeo@example.org/garden' type='chat'><body>hi</body></message>"), ROMEO, "home");
        listener.routed(ROMEO, "home", carbon, List.of("home"));
        Stanza pep = parse("<message xmlns='jabber:client' from='juliet@example.org' to='romeo@example.org/garden'"
                + " type='headline'><event xmlns='http://jabber.org/protocol/pubsub#event'/></message>");
        listener.routed(ROMEO, "garden", pep, List.of("garden"));
        assertThat(copies).isEmpty();
    }

    @Test
    @DisplayName("§9: <private/> is removed before delivery; the session's end drops the resource's flag")
    void privateAndEnd() {
        Stanza hushed = parse("<message xmlns='jabber:client' from='juliet@example.org/b' to='romeo@example.org/g'"
                + " type='chat'><body>hi</body><private xmlns='" + CarbonRules.NAMESPACE + "'/></message>");
        assertThat(StanzaXml.render(listener.beforeDelivery(ROMEO, "g", hushed))).doesNotContain("private");
        enable("garden");
        listener.resourceEnded(ROMEO, "garden");
        assertThat(enabled.isEnabled(ROMEO, "garden")).isFalse();
    }
}
