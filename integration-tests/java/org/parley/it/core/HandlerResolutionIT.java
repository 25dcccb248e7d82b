package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.it.support.TestServer;

/**
 * Which handler serves each kind of stanza, in the server as assembled (issue 3: "the Vysper roster and presence
 * handlers are no longer reachable"). Vysper's lookup returns the first matching dictionary and routes a stanza with
 * one child by that child's namespace (style.md §2.4), so presence with a single extension is the case to watch.
 */
class HandlerResolutionIT {

    private static final String PARLEY = "org.parley.presence.vysper.";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        // an existing account: an IQ to the bare JID of one that does not exist is the router's (RFC 6121 §8.5.1)
        server.createUser("bob", "bob-handler-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("each stanza kind is served by Parley's handler")
    @CsvSource(delimiter = '|', value = {
        "roster get | <iq type='get' id='1'><query xmlns='jabber:iq:roster'/></iq> | org.parley.roster.vysper.RosterIqHandler",
        "roster set | <iq type='set' id='1'><query xmlns='jabber:iq:roster'><item jid='a@b'/></query></iq> | org.parley.roster.vysper.RosterIqHandler",
        "presence, no child | <presence/> | " + PARLEY + "PresenceHandler",
        "presence, caps child | <presence><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v'/></presence> | " + PARLEY + "PresenceHandler",
        "presence, stream-namespace child | <presence><x xmlns='http://etherx.jabber.org/streams'/></presence> | " + PARLEY + "PresenceHandler",
        "presence, several children | <presence><show>away</show><status>out</status></presence> | " + PARLEY + "PresenceHandler",
        "subscribe | <presence to='bob@parley.test' type='subscribe'/> | " + PARLEY + "PresenceHandler",
        "subscribed | <presence to='bob@parley.test' type='subscribed'/> | " + PARLEY + "PresenceHandler",
        "unsubscribe | <presence to='bob@parley.test' type='unsubscribe'/> | " + PARLEY + "PresenceHandler",
        "unsubscribed | <presence to='bob@parley.test' type='unsubscribed'/> | " + PARLEY + "PresenceHandler",
        "probe | <presence to='bob@parley.test' type='probe'/> | " + PARLEY + "PresenceHandler",
        "message | <message to='bob@parley.test'><body>hi</body></message> | " + PARLEY + "RoutingHandler",
        "message, one extension | <message to='bob@parley.test'><x xmlns='jabber:iq:roster'/></message> | " + PARLEY + "RoutingHandler",
        "iq to a full JID | <iq type='get' id='1' to='bob@parley.test/r'><query xmlns='jabber:iq:roster'/></iq> | " + PARLEY + "RoutingHandler",
        "iq result to a user | <iq type='result' id='1' to='bob@parley.test'/> | " + PARLEY + "RoutingHandler",
        "ping the server | <iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq> | org.apache.vysper.xmpp.modules.extension.xep0119_xmppping.XmppPingIQHandler",
        "vCard of a user's bare JID | <iq type='get' id='1' to='bob@parley.test'><vCard xmlns='vcard-temp'/></iq> | " + PARLEY + "RoutingHandler",
        "roster of a user's bare JID | <iq type='get' id='1' to='bob@parley.test'><query xmlns='jabber:iq:roster'/></iq> | org.parley.roster.vysper.RosterIqHandler",
        "PEP publish | <iq type='set' id='1'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='n'/></pubsub></iq> | org.parley.pep.vysper.PepIqHandler",
        "PEP items of a contact | <iq type='get' id='1' to='bob@parley.test'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'/></pubsub></iq> | org.parley.pep.vysper.PepIqHandler",
        "PEP node configuration | <iq type='get' id='1'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><configure node='n'/></pubsub></iq> | org.parley.pep.vysper.PepIqHandler",
    })
    void servedBy(String what, String stanza, String handler) {
        assertThat(server.handlerFor(stanza)).as(what).isEqualTo(handler);
    }
}
