package org.parley.it.xep0280;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.RawIq;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/** {@code carbons.enabled=false}: XEP-0280 is neither advertised nor answered, and nothing is copied. */
class CarbonsDisabledIT {

    private static final String CARBONS = "urn:xmpp:carbons:2";

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of("carbons.enabled", "false"));

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("carbons.enabled=false: no urn:xmpp:carbons:2 in disco#info, <enable/> is an error, no copies")
    void off() throws Exception {
        Account romeo = actors.account("romeo");
        Actor garden = actors.login(romeo, "garden");
        Actor home = actors.login(romeo, "home");
        Actor juliet = actors.login("juliet");
        assertThat(ServiceDiscoveryManager.getInstanceFor(garden.connection())
                .discoverInfo(JidCreate.domainBareFrom(TestServer.DOMAIN)).containsFeature(CARBONS)).isFalse();
        StanzaError error = home.iqError(new RawIq(IQ.Type.set, "enable", CARBONS, ""));
        assertThat(error.getType()).isEqualTo(StanzaError.Type.CANCEL);

        juliet.message(garden.jid(), Message.Type.chat, "only for garden");
        garden.inbox().await(Message.class, m -> "only for garden".equals(m.getBody()), "the message");
        juliet.barrier(home);
        home.inbox().assertNone(s -> s instanceof Message m && CarbonExtension.from(m) != null, "a carbon");
    }
}
