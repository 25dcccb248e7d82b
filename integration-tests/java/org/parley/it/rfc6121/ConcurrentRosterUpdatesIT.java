package org.parley.it.rfc6121;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.Actors;
import org.parley.it.support.Inbox;
import org.parley.it.support.RosterItems;
import org.parley.it.support.ServerPerClass;
import org.parley.it.support.TestServer;

/**
 * Issue 3: "Concurrent updates to the same user's roster from two resources must not lose an update". Two resources
 * of one account add contacts at the same time, each from its own thread, each set waiting for its result before
 * the next; the contacts need no accounts (a roster item may name any bare JID).
 */
class ConcurrentRosterUpdatesIT {

    private static final int PER_RESOURCE = 25;
    private static final long SETS_TIMEOUT_SECONDS = 60;

    @RegisterExtension
    static final ServerPerClass SERVER = new ServerPerClass();

    @RegisterExtension
    final Actors actors = new Actors(SERVER::server);

    @Test
    @DisplayName("Issue 3, RFC 6121 §2.1.5/§2.1.6/§2.6.3: two resources add 25 contacts each at the same time: the"
            + " roster holds all 50, and each resource gets all 50 pushes (\"The server MUST send roster pushes to"
            + " all interested resources\"), each with its own ver (\"the version contained in a roster push MUST be"
            + " unique\")")
    void concurrentSetsFromTwoResourcesLoseNothing() throws Exception {
        TwoResources run = addConcurrently();
        Actor first = run.first();
        Actor second = run.second();
        List<BareJid> all = run.contacts();

        RosterPacket roster = first.rosterGet();
        assertThat(roster.getRosterItems()).as("items of the roster after 2 x %d concurrent sets", PER_RESOURCE)
                .extracting(RosterPacket.Item::getJid).containsExactlyInAnyOrderElementsOf(all);
        for (BareJid contact : all) {
            assertThat(RosterItems.get(roster, contact).getName()).as("name of %s", contact).isEqualTo(name(contact));
        }

        List<Map<BareJid, String>> versions = new ArrayList<>();
        for (Actor resource : List.of(first, second)) {
            Map<BareJid, String> ver = new LinkedHashMap<>();
            for (BareJid contact : all) {
                RosterPacket push = resource.inbox().awaitRosterPushPacket(contact);
                assertThat(push.getRosterItems().get(0).getName()).as("name in the push for %s", contact)
                        .isEqualTo(name(contact));
                ver.put(contact, push.getVersion());
            }
            assertThat(ver.values()).as("ver of each push to %s", resource).hasSize(all.size()).doesNotContainNull()
                    .doesNotHaveDuplicates();
            versions.add(ver);
        }
        assertThat(versions.get(1)).as("ver of each contact's push: at %s and at %s", second, first)
                .isEqualTo(versions.get(0));
        // pushes go out on the user's lane, as does a message to one of the user's resources: after the barrier
        // every push has arrived, so the counts are final
        first.barrier(second);
        second.barrier(first);
        for (Actor resource : List.of(first, second)) {
            assertThat(resource.inbox().count(Inbox.rosterPush())).as("roster pushes to %s", resource)
                    .isEqualTo(all.size());
        }
    }

    /**
     * The order in which each resource receives the pushes must be the order of the changes (their versions): a
     * client keeps the {@code ver} of the last push it received and, after a reconnect, asks for the changes since
     * then (§2.6.3). If version 17 arrives before 16 and the connection drops between the two, the client asks for
     * the changes since 17 and never learns of 16.
     *
     * <p>Reads a number out of each {@code ver}, which RFC 6121 §2.1.1 tells clients not to do ("opaque"); it relies
     * on Parley's documented format ({@code RosterVersion}: the account's generation, {@code -}, then the roster's
     * change counter in decimal).
     */
    @Test
    @DisplayName("Issue 3, RFC 6121 §2.6.3: \"Roster pushes MUST occur in order of modification\", also when two"
            + " resources change the roster at the same time")
    void concurrentSetsArePushedInOrderOfModification() throws Exception {
        TwoResources run = addConcurrently();
        for (Actor resource : List.of(run.first(), run.second())) {
            for (BareJid contact : run.contacts()) {
                resource.inbox().awaitRosterPushPacket(contact);
            }
            List<Long> arrival = resource.inbox().received().stream().filter(Inbox.rosterPush())
                    .map(push -> counter(((RosterPacket) push).getVersion())).toList();
            assertThat(arrival).as("ver of the pushes to %s, in the order they arrived", resource).isSorted();
        }
    }

    /** The change counter of a Parley {@code ver}: the digits after its last {@code -}. */
    private static long counter(String ver) {
        return Long.parseLong(ver.substring(ver.lastIndexOf('-') + 1));
    }

    /** Two resources of one new account, each an interested resource, after both added their contacts. */
    private record TwoResources(Actor first, Actor second, List<BareJid> contacts) {}

    /**
     * Logs in two resources of a new account, lets both request the roster (§2.2: interested resources), then adds
     * {@value #PER_RESOURCE} contacts from each, from two threads started together.
     */
    private TwoResources addConcurrently() throws Exception {
        Account account = actors.account("alice");
        Actor first = actors.login(account, "first");
        Actor second = actors.login(account, "second");
        assertThat(first.rosterGet().getRosterItems()).as("a new account's roster").isEmpty();
        assertThat(second.rosterGet().getRosterItems()).as("a new account's roster").isEmpty();
        List<BareJid> fromFirst = contacts("first");
        List<BareJid> fromSecond = contacts("second");
        List<BareJid> all = new ArrayList<>(fromFirst);
        all.addAll(fromSecond);

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = threads.submit(() -> addAll(first, fromFirst, start));
            Future<?> b = threads.submit(() -> addAll(second, fromSecond, start));
            a.get(SETS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            b.get(SETS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        return new TwoResources(first, second, all);
    }

    /** Adds each contact with its own roster set, waiting for each result; starts together with the other thread. */
    private static Void addAll(Actor resource, List<BareJid> contacts, CyclicBarrier start) throws Exception {
        start.await(SETS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (BareJid contact : contacts) {
            resource.rosterSet(RosterItems.item(contact, name(contact), "Concurrent"));
        }
        return null;
    }

    private static List<BareJid> contacts(String prefix) {
        List<BareJid> contacts = new ArrayList<>();
        for (int i = 0; i < PER_RESOURCE; i++) {
            contacts.add(JidCreate.entityBareFromOrThrowUnchecked(
                    TestServer.uniqueName(prefix + "-contact") + "@" + TestServer.DOMAIN));
        }
        return contacts;
    }

    private static String name(BareJid contact) {
        return "Contact " + contact.getLocalpartOrNull();
    }
}
