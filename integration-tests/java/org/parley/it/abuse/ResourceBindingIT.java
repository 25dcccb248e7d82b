package org.parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.Inbox;
import org.parley.it.support.RawIq;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.Subscriptions;

/** RFC 6120 §7 resource binding: the requested resource, conflicts, one bind per stream, sessions per account. */
class ResourceBindingIT {

    private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    private static final Duration DROP_NOTICE = Duration.ofSeconds(3);

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass(Map.of("c2s.max_sessions_per_account", "3"));

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("RFC 6120 §7.7: the server binds the resourcepart the client provided")
    void requestedResourceIsBound() throws Exception {
        Actor alice = actors.login(actors.account("alice"), "Balcony Phone");

        assertThat(alice.jid().getResourceOrEmpty().toString()).isEqualTo("Balcony Phone");
    }

    @Test
    @DisplayName("RFC 6120 §7.7: two accounts may bind the same resourcepart, and each gets its own messages")
    void sameResourceOnTwoAccounts() throws Exception {
        Actor alice = actors.login(actors.account("alice"), "phone");
        Actor bob = actors.login(actors.account("bob"), "phone");
        Actor carol = actors.login("carol");

        carol.chat(alice.jid(), "to alice");
        carol.chat(bob.jid(), "to bob");

        assertThat(alice.inbox().awaitMessage(carol.jid()).getBody()).isEqualTo("to alice");
        assertThat(bob.inbox().awaitMessage(carol.jid()).getBody()).isEqualTo("to bob");
    }

    @Test
    @DisplayName("RFC 6120 §7.7.2.2: newest wins; the old stream gets <conflict/>, contacts see it leave and return")
    void conflictReplacesTheOldSession() throws Exception {
        Account aliceAccount = actors.account("alice");
        Actor first = actors.login(aliceAccount, "phone");
        Actor bob = actors.login("bob");
        first.available();
        bob.available();
        Subscriptions.subscribe(bob, first);
        bob.inbox().awaitPresence(first.jid(), Presence.Type.available);

        Actor second = actors.login(aliceAccount, "phone");

        Exception end = first.awaitClosedByServer(Inbox.TIMEOUT);
        assertThat(end).isInstanceOfSatisfying(XMPPException.StreamErrorException.class,
                e -> assertThat(e.getStreamError().getCondition()).isEqualTo(StreamError.Condition.conflict));
        assertThat(second.jid().toString()).isEqualTo(first.jid().toString());
        bob.inbox().awaitPresence(first.jid(), Presence.Type.unavailable, DROP_NOTICE);
        second.available();
        // the first available presence was claimed above: this is the new session's
        bob.inbox().awaitPresence(second.jid(), Presence.Type.available);
    }

    @Test
    @DisplayName("RFC 6120 §7.6.2.2: a second resource bind on one stream is refused with not-allowed")
    void secondBindOnOneStreamIsRefused() throws Exception {
        Actor alice = actors.login("alice");

        StanzaError error = alice.iqError(new RawIq(IQ.Type.set, "bind", BIND, "<resource>second</resource>"));

        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
        alice.pingServer(); // the stream itself is fine
    }

    @Test
    @DisplayName("RFC 6120 §7.6.2.1: past c2s.max_sessions_per_account the bind gets resource-constraint")
    void sessionsPerAccountAreCapped() throws Exception {
        Account alice = actors.account("alice");
        for (int i = 0; i < 3; i++) {
            actors.login(alice, "r" + i);
        }

        XMPPException.XMPPErrorException refused = catchThrowableOfType(
                XMPPException.XMPPErrorException.class, () -> actors.login(alice, "r3"));

        assertThat(refused).as("the fourth bind").isNotNull();
        assertThat(refused.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
        assertThat(actors.login(alice, "r0").jid().getResourceOrEmpty().toString())
                .as("replacing one of the three is no new session").isEqualTo("r0");
    }
}
