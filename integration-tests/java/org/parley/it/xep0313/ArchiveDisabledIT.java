package org.parley.it.xep0313;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.RawIq;
import org.parley.it.support.ServerPerClass;

/** {@code mam.enabled=false}: nothing advertised, nothing archived or stamped, queries refused. */
class ArchiveDisabledIT {

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of("mam.enabled", "false"));

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("mam.enabled=false: no feature, no stanza-id, and a query is refused")
    void off() throws Exception {
        Actor romeo = actors.login("romeo");
        Actor juliet = actors.login("juliet");
        juliet.available();
        assertThat(MamManager.getInstanceFor(juliet.connection()).isSupported()).isFalse();
        romeo.chat(juliet.jid(), "unrecorded");
        Message received = juliet.inbox().awaitMessage(m -> "unrecorded".equals(m.getBody()), "the message");
        assertThat(StanzaIdElement.getStanzaId(received)).isNull();
        StanzaError error = juliet.iqError(new RawIq(IQ.Type.set, "query", "urn:xmpp:mam:2", ""));
        assertThat(error.getCondition()).isIn(StanzaError.Condition.service_unavailable,
                StanzaError.Condition.feature_not_implemented);
    }
}
