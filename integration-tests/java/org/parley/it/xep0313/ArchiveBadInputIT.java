package org.parley.it.xep0313;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jxmpp.jid.Jid;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.RawIq;
import org.parley.it.support.ServerPerClass;

/**
 * XEP-0313 queries the server must refuse, as literal XML: malformed dates, unknown fields, ids that are not in the
 * asker's archive (another user's, or none at all), someone else's archive; and the #extended parts Smack 4.4
 * cannot send (flip-page, ids, metadata).
 */
class ArchiveBadInputIT {

    private static final String MAM = "urn:xmpp:mam:2";

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    private static IQ query(Jid to, String content) {
        RawIq iq = new RawIq(IQ.Type.set, "query", MAM, content);
        iq.setTo(to);
        return iq;
    }

    private static String form(String fields) {
        return "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>" + MAM
                + "</value></field>" + fields + "</x>";
    }

    private static String field(String var, String... values) {
        StringBuilder s = new StringBuilder("<field var='" + var + "'>");
        for (String v : values) {
            s.append("<value>").append(v).append("</value>");
        }
        return s.append("</field>").toString();
    }

    /** Sends {@code count} chats from {@code from} to {@code to}; returns the ids in {@code to}'s archive. */
    private static List<String> converse(Actor from, Actor to, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            from.chat(to.jid(), prefix + i);
        }
        String last = prefix + (count - 1);
        to.inbox().awaitMessage(m -> last.equals(m.getBody()), "the last message");
        return to.inbox().received().stream().filter(s -> s instanceof Message m && m.getBody() != null
                && m.getBody().startsWith(prefix)).map(s -> StanzaIdElement.getStanzaId((Message) s).getId())
                .toList();
    }

    private Actor[] pair() throws Exception {
        Actor romeo = actors.login("romeo");
        Actor juliet = actors.login("juliet");
        romeo.available();
        juliet.available();
        return new Actor[] {romeo, juliet};
    }

    @Test
    @DisplayName("XEP-0313 §4.1.2, XEP-0082: a start that is not a DateTime is bad-request")
    void malformedDate() throws Exception {
        Actor juliet = actors.login("juliet");
        for (String bad : List.of("yesterday", "2010-08-07", "2010-13-07T00:00:00Z", "2010-08-07T00:00:00")) {
            StanzaError error = juliet.iqError(query(null, form(field("start", bad))));
            assertThat(error.getCondition()).as(bad).isEqualTo(StanzaError.Condition.bad_request);
        }
        assertThat(juliet.iqError(query(null, form(field("end", "a", "b")))).getCondition())
                .as("two values for end").isEqualTo(StanzaError.Condition.bad_request);
        assertThat(juliet.iqError(query(null, "<set xmlns='http://jabber.org/protocol/rsm'><max>ten</max></set>"))
                .getCondition()).as("max not a number").isEqualTo(StanzaError.Condition.bad_request);
    }

    @Test
    @DisplayName("XEP-0313 §4.1.5: a form field the server does not recognise is feature-not-implemented")
    void unknownField() throws Exception {
        Actor juliet = actors.login("juliet");
        StanzaError error = juliet.iqError(query(null, form(field("{urn:example}free-text", "love"))));
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.feature_not_implemented);
    }

    @Test
    @DisplayName("XEP-0313 §4.1.3, §4.3: ids of another user's archive, or of no message, are item-not-found")
    void foreignAndUnknownIds() throws Exception {
        Actor[] p = pair();
        Actor romeo = p[0];
        Actor juliet = p[1];
        List<String> julietIds = converse(romeo, juliet, "to-juliet-", 2);
        String foreign = julietIds.get(0);
        for (String content : List.of(form(field("after-id", foreign)), form(field("before-id", foreign)),
                form(field("ids", foreign)), form(field("after-id", "999999999999")),
                form(field("ids", "not-an-id")),
                "<set xmlns='http://jabber.org/protocol/rsm'><after>" + foreign + "</after></set>",
                "<set xmlns='http://jabber.org/protocol/rsm'><before>" + foreign + "</before></set>")) {
            assertThat(romeo.iqError(query(null, content)).getCondition()).as(content)
                    .isEqualTo(StanzaError.Condition.item_not_found);
        }
    }

    @Test
    @DisplayName("XEP-0313 §8.1: another user's archive is forbidden")
    void foreignArchive() throws Exception {
        Actor romeo = actors.login("romeo");
        Actor juliet = actors.login("juliet");
        assertThat(romeo.iqError(query(juliet.bareJid(), "")).getCondition())
                .isEqualTo(StanzaError.Condition.forbidden);
    }

    @Test
    @DisplayName("XEP-0313 #extended: ids, before-id/after-id, flip-page and metadata")
    void extended() throws Exception {
        Actor[] p = pair();
        Actor romeo = p[0];
        Actor juliet = p[1];
        List<String> ids = converse(romeo, juliet, "ext-", 5);

        MamManager mam = MamManager.getInstanceFor(juliet.connection());
        IQ between = juliet.request(new QueryWithId("flip", form(field("after-id", ids.get(0))
                + field("before-id", ids.get(4))) + "<flip-page/>"));
        assertThat(between.toXML().toString()).contains("complete='true'").contains("<count>3</count>");
        List<String> flipped = resultIds(juliet, "flip", 3);
        assertThat(flipped).as("newest first").containsExactly(ids.get(3), ids.get(2), ids.get(1));

        assertThat(juliet.request(query(null, form(field("ids", ids.get(4), ids.get(1))))).toXML().toString())
                .contains("<count>2</count>");

        RawIq metadata = new RawIq(IQ.Type.get, "metadata", MAM, "");
        String answer = juliet.request(metadata).toXML().toString();
        // Smack 4.4 keeps an unknown IQ payload as escaped text
        assertThat(answer).contains("start id=&apos;" + ids.get(0) + "&apos;")
                .contains("end id=&apos;" + ids.get(4) + "&apos;");
        assertThat(mam.isSupported()).isTrue();
    }

    /** A MAM query with a queryid, so its result messages can be told apart. */
    private static final class QueryWithId extends IQ {
        private final String queryId;
        private final String content;

        QueryWithId(String queryId, String content) {
            super("query", MAM);
            setType(IQ.Type.set);
            this.queryId = queryId;
            this.content = content;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("queryid", queryId);
            xml.rightAngleBracket();
            xml.append(content);
            return xml;
        }
    }

    /** The ids of the next {@code count} MAM result messages of query {@code queryId}, in arrival order. */
    private static List<String> resultIds(Actor actor, String queryId, int count) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message m = actor.inbox().await(Message.class, s -> {
                MamElements.MamResultExtension r = s.getExtension(MamElements.MamResultExtension.class);
                return r != null && queryId.equals(r.getQueryId());
            }, "result " + i + " of query " + queryId);
            ids.add(m.getExtension(MamElements.MamResultExtension.class).getId());
        }
        return ids;
    }
}
