package org.parley.it.xep0280;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.hints.element.NoCopyHint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.RawIq;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * XEP-0280 Message Carbons over real Smack 4.4 clients: romeo with three resources (garden, home, phone), juliet
 * with one. Copies of what romeo receives ({@code <received/>}, §7) and sends ({@code <sent/>}, §8), never to the
 * resource that got the message itself, never for {@code <private/>} (§9) or XEP-0334 {@code <no-copy/>}, never to
 * a resource that did not enable carbons, never of the server's own error bounce.
 */
class MessageCarbonsIT {

    private static final String CARBONS = "urn:xmpp:carbons:2";

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    private record Romeo(Actor garden, Actor home, Actor phone) {
        List<Actor> all() {
            return List.of(garden, home, phone);
        }
    }

    /** Romeo's three resources, available at priority 0, carbons enabled on those in {@code enabled}. */
    private Romeo romeo(boolean gardenEnabled, boolean homeEnabled, boolean phoneEnabled) throws Exception {
        Account account = actors.account("romeo");
        Romeo romeo = new Romeo(actors.login(account, "garden"), actors.login(account, "home"),
                actors.login(account, "phone"));
        boolean[] enabled = {gardenEnabled, homeEnabled, phoneEnabled};
        for (int i = 0; i < 3; i++) {
            Actor r = romeo.all().get(i);
            r.available();
            if (enabled[i]) {
                CarbonManager.getInstanceFor(r.connection()).enableCarbons();
            }
        }
        return romeo;
    }

    private Actor juliet() throws Exception {
        Actor juliet = actors.login("juliet");
        juliet.available();
        return juliet;
    }

    private static Message message(Actor from, Jid to, Message.Type type, String body, ExtensionElement... extras)
            throws Exception {
        var builder = from.connection().getStanzaFactory().buildMessageStanza().to(to).ofType(type).setBody(body);
        for (ExtensionElement extra : extras) {
            builder.addExtension(extra);
        }
        Message message = builder.build();
        from.send(message);
        return message;
    }

    /** A carbon of {@code direction} whose forwarded message has {@code body}, from the owner's bare JID (§11). */
    private static boolean carbon(Stanza s, Actor owner, CarbonExtension.Direction direction, String body) {
        if (!(s instanceof Message m) || !owner.bareJid().equals(m.getFrom())) {
            return false;
        }
        CarbonExtension carbon = CarbonExtension.from(m);
        return carbon != null && carbon.getDirection() == direction
                && body.equals(carbon.getForwarded().getForwardedStanza().getBody());
    }

    private static boolean anyCarbonOf(Stanza s, String body) {
        return s instanceof Message m && CarbonExtension.from(m) != null
                && body.equals(CarbonExtension.from(m).getForwarded().getForwardedStanza().getBody());
    }

    private static Message awaitCarbon(Actor at, Actor owner, CarbonExtension.Direction direction, String body) {
        return at.inbox().await(Message.class, m -> carbon(m, owner, direction, body),
                "a <" + direction + "/> carbon of '" + body + "'");
    }

    private static Message awaitPlain(Actor at, String body) {
        return at.inbox().await(Message.class, m -> CarbonExtension.from(m) == null && body.equals(m.getBody()),
                "the message '" + body + "' itself");
    }

    /** Everything {@code sender} caused at {@code at} before now has arrived; then no carbon of {@code body}. */
    private static void assertNoCarbon(Actor sender, Actor at, String body) throws Exception {
        sender.barrier(at);
        at.inbox().assertNone(s -> anyCarbonOf(s, body), "a carbon of '" + body + "'");
    }

    @Test
    @DisplayName("XEP-0280 §3: the server's disco#info lists urn:xmpp:carbons:2")
    void advertised() throws Exception {
        Actor a = actors.login("carol");
        assertThat(ServiceDiscoveryManager.getInstanceFor(a.connection())
                .discoverInfo(JidCreate.domainBareFrom(TestServer.DOMAIN)).containsFeature(CARBONS)).isTrue();
        assertThat(CarbonManager.getInstanceFor(a.connection()).isSupportedByServer()).isTrue();
    }

    @Test
    @DisplayName("XEP-0280 §7: a chat to one full JID is copied, as <received/>, to the other enabled resources only")
    void receivedCopies() throws Exception {
        Romeo romeo = romeo(true, true, true);
        Actor juliet = juliet();
        message(juliet, romeo.garden().jid(), Message.Type.chat, "What man art thou?");

        Message original = awaitPlain(romeo.garden(), "What man art thou?");
        assertThat(original.getFrom().toString()).isEqualTo(juliet.jid().toString());
        for (Actor other : List.of(romeo.home(), romeo.phone())) {
            Message copy = awaitCarbon(other, romeo.garden(), CarbonExtension.Direction.received,
                    "What man art thou?");
            assertThat(copy.getTo().toString()).isEqualTo(other.jid().toString());
            assertThat(copy.getType()).as("§7: the wrapper keeps the type").isEqualTo(Message.Type.chat);
            Message forwarded = CarbonExtension.from(copy).getForwarded().getForwardedStanza();
            assertThat(forwarded.getFrom().toString()).isEqualTo(juliet.jid().toString());
            assertThat(forwarded.getTo().toString()).isEqualTo(romeo.garden().jid().toString());
        }
        assertNoCarbon(juliet, romeo.garden(), "What man art thou?");
    }

    @Test
    @DisplayName("XEP-0280 §8: what one resource sends is copied, as <sent/>, to the others, not back to it")
    void sentCopies() throws Exception {
        Romeo romeo = romeo(true, true, true);
        Actor juliet = juliet();
        message(romeo.home(), juliet.jid(), Message.Type.chat, "Neither, fair saint");

        awaitPlain(juliet, "Neither, fair saint");
        for (Actor other : List.of(romeo.garden(), romeo.phone())) {
            Message copy = awaitCarbon(other, romeo.home(), CarbonExtension.Direction.sent, "Neither, fair saint");
            Message forwarded = CarbonExtension.from(copy).getForwarded().getForwardedStanza();
            assertThat(forwarded.getFrom().toString()).as("§8: the sender's full JID")
                    .isEqualTo(romeo.home().jid().toString());
            assertThat(forwarded.getTo().toString()).isEqualTo(juliet.jid().toString());
        }
        assertNoCarbon(romeo.home(), romeo.home(), "Neither, fair saint");
        assertNoCarbon(romeo.home(), juliet, "Neither, fair saint");
    }

    @Test
    @DisplayName("XEP-0280 §8: a resource that did not enable carbons still has its messages copied to the others")
    void sentFromResourceWithoutCarbons() throws Exception {
        Romeo romeo = romeo(true, false, true);
        Actor juliet = juliet();
        message(romeo.home(), juliet.jid(), Message.Type.normal, "a normal message with a body");
        awaitCarbon(romeo.garden(), romeo.home(), CarbonExtension.Direction.sent, "a normal message with a body");
        awaitCarbon(romeo.phone(), romeo.home(), CarbonExtension.Direction.sent, "a normal message with a body");
    }

    @Test
    @DisplayName("XEP-0280 §5: a resource that disabled carbons (or never enabled them) gets no copies")
    void disabledResourceGetsNothing() throws Exception {
        Romeo romeo = romeo(true, true, true);
        CarbonManager.getInstanceFor(romeo.phone().connection()).disableCarbons();
        Actor juliet = juliet();
        message(juliet, romeo.garden().jid(), Message.Type.chat, "to garden");
        message(romeo.garden(), juliet.jid(), Message.Type.chat, "from garden");

        awaitCarbon(romeo.home(), romeo.garden(), CarbonExtension.Direction.received, "to garden");
        awaitCarbon(romeo.home(), romeo.garden(), CarbonExtension.Direction.sent, "from garden");
        assertNoCarbon(juliet, romeo.phone(), "to garden");
        assertNoCarbon(romeo.garden(), romeo.phone(), "from garden");
    }

    @Test
    @DisplayName("XEP-0280 §9: <private/> is copied to nobody, either way, and removed before delivery")
    void privateMessages() throws Exception {
        Romeo romeo = romeo(true, true, true);
        Actor juliet = juliet();
        message(romeo.garden(), juliet.jid(), Message.Type.chat, "private out", CarbonExtension.Private.INSTANCE);
        message(juliet, romeo.garden().jid(), Message.Type.chat, "private in", CarbonExtension.Private.INSTANCE);

        Message atJuliet = awaitPlain(juliet, "private out");
        assertThat(atJuliet.hasExtension(CarbonExtension.Private.ELEMENT, CARBONS))
                .as("§9: the receiving server SHOULD remove <private/>").isFalse();
        awaitPlain(romeo.garden(), "private in");
        for (Actor other : List.of(romeo.home(), romeo.phone())) {
            assertNoCarbon(romeo.garden(), other, "private out");
            assertNoCarbon(juliet, other, "private in");
        }
    }

    @Test
    @DisplayName("XEP-0334 §4: <no-copy/> is copied to nobody, either way")
    void noCopyHint() throws Exception {
        Romeo romeo = romeo(true, true, true);
        Actor juliet = juliet();
        message(romeo.garden(), juliet.jid(), Message.Type.chat, "no-copy out", NoCopyHint.INSTANCE);
        message(juliet, romeo.garden().jid(), Message.Type.chat, "no-copy in", NoCopyHint.INSTANCE);

        awaitPlain(juliet, "no-copy out");
        awaitPlain(romeo.garden(), "no-copy in");
        for (Actor other : List.of(romeo.home(), romeo.phone())) {
            assertNoCarbon(romeo.garden(), other, "no-copy out");
            assertNoCarbon(juliet, other, "no-copy in");
        }
    }

    @Test
    @DisplayName("XEP-0280 §7: a chat to the bare JID, delivered to every priority-0 resource, is copied only to the"
            + " enabled resource it did not reach (negative priority)")
    void bareJidDeliveryNotCopiedToItsRecipients() throws Exception {
        Romeo romeo = romeo(true, true, true);
        Actor away = actors.login(romeo.garden().account(), "away");
        away.availableWithPriority(-1);
        CarbonManager.getInstanceFor(away.connection()).enableCarbons();
        Actor juliet = juliet();
        message(juliet, romeo.garden().bareJid(), Message.Type.chat, "to all of you");

        for (Actor r : romeo.all()) {
            awaitPlain(r, "to all of you");
        }
        Message copy = awaitCarbon(away, romeo.garden(), CarbonExtension.Direction.received, "to all of you");
        assertThat(CarbonExtension.from(copy).getForwarded().getForwardedStanza().getTo().toString())
                .isEqualTo(romeo.garden().bareJid().toString());
        for (Actor r : romeo.all()) {
            assertNoCarbon(juliet, r, "to all of you");
        }
    }

    @Test
    @DisplayName("XEP-0280 §6: the server's error bounce is not copied (from a full JID, where a client's error"
            + " would be); the sent message itself is")
    void bounceNotCopied() throws Exception {
        Romeo romeo = romeo(true, true, true);
        Actor juliet = juliet();
        // RFC 6121 §8.5.3.2.1: a normal message to a resource that is not connected is answered with an error, and
        // the error comes from that full JID
        Jid nowhere = JidCreate.fullFrom(juliet.bareJid().toString() + "/nowhere");
        Jid nobody = JidCreate.entityBareFrom("nobody-carbons@" + TestServer.DOMAIN);
        message(romeo.garden(), nowhere, Message.Type.normal, "into the void");
        message(romeo.garden(), nobody, Message.Type.chat, "to nobody");

        for (Jid to : List.of(nowhere, nobody)) {
            Message error = romeo.garden().inbox().await(Message.class,
                    m -> m.getType() == Message.Type.error && to.equals(m.getFrom()), "the error bounce from " + to);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        }
        for (Actor other : List.of(romeo.home(), romeo.phone())) {
            awaitCarbon(other, romeo.garden(), CarbonExtension.Direction.sent, "into the void");
            awaitCarbon(other, romeo.garden(), CarbonExtension.Direction.sent, "to nobody");
            romeo.garden().barrier(other);
            other.inbox().assertNone(s -> s instanceof Message m && CarbonExtension.from(m) != null
                    && CarbonExtension.from(m).getDirection() == CarbonExtension.Direction.received
                    && CarbonExtension.from(m).getForwarded().getForwardedStanza().getType() == Message.Type.error,
                    "a carbon of the server's error");
            other.inbox().assertNone(s -> s instanceof Message m && m.getType() == Message.Type.error,
                    "the error itself");
        }
    }

    @Test
    @DisplayName("XEP-0280 §6: an error a client sends in answer to a message is copied like the message was")
    void clientErrorCopied() throws Exception {
        Romeo romeo = romeo(true, true, true);
        Actor juliet = juliet();
        Message error = juliet.connection().getStanzaFactory().buildMessageStanza().to(romeo.garden().jid())
                .ofType(Message.Type.error).setBody("not now")
                .setError(StanzaError.getBuilder(StanzaError.Condition.not_acceptable).build()).build();
        juliet.send(error);
        awaitPlain(romeo.garden(), "not now");
        awaitCarbon(romeo.home(), romeo.garden(), CarbonExtension.Direction.received, "not now");
    }

    @Test
    @DisplayName("XEP-0280 §10.1: enabling twice and disabling twice are each answered with a result; §4: only"
            + " for the sender's own account")
    void enableTwice() throws Exception {
        Actor a = actors.login("mercutio");
        for (String element : List.of("enable", "enable", "disable", "disable", "enable")) {
            IQ result = a.request(new RawIq(IQ.Type.set, element, CARBONS, ""));
            assertThat(result.getType()).as(element).isEqualTo(IQ.Type.result);
        }
        StanzaError error = a.iqError(new RawIq(IQ.Type.get, "enable", CARBONS, ""));
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.bad_request);

        RawIq toOwnAccount = new RawIq(IQ.Type.set, "enable", CARBONS, "");
        toOwnAccount.setTo(a.bareJid());
        assertThat(a.request(toOwnAccount).getType()).as("to the own bare JID").isEqualTo(IQ.Type.result);
        Actor other = actors.login("tybalt");
        RawIq toOtherAccount = new RawIq(IQ.Type.set, "enable", CARBONS, "");
        toOtherAccount.setTo(other.bareJid());
        assertThat(a.iqError(toOtherAccount).getCondition()).as("§4: another account's carbons")
                .isEqualTo(StanzaError.Condition.not_allowed);
    }
}
