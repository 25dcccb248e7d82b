package org.parley.it.xep0313;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.it.support.Account;
import org.parley.it.support.Actor;
import org.parley.it.support.TestServer;

/**
 * XEP-0313 §4.3 with XEP-0059: 10,000 messages from ten senders, paged forwards with a server restart in the
 * middle (RSM ids survive it: they are the archive's row ids on disk), then backwards from the last page; both
 * directions see every message once, in the same order.
 */
class ArchivePagingIT {

    private static final int SENDERS = 10;
    private static final int PER_SENDER = 1_000;
    private static final int PAGE = 250;
    private static final int MAX_PAGES = 2 * SENDERS * PER_SENDER / PAGE; // a bound on every paging loop

    @Test
    @DisplayName("XEP-0313 §4.3: 10,000 messages paged forwards across a restart, then backwards, each once in order")
    void pagesThroughTenThousandAcrossARestart() throws Exception {
        try (TestServer server = TestServer.start()) {
            Account julietAccount = Account.create(server, "juliet");
            List<Account> senders = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                senders.add(Account.create(server, "sender"));
            }
            Actor juliet = julietAccount.login();
            juliet.available();
            long started = System.nanoTime();
            send(senders, juliet);
            System.out.printf("ArchivePagingIT: %d messages sent and archived in %d ms%n", SENDERS * PER_SENDER,
                    (System.nanoTime() - started) / 1_000_000);

            // forwards: half the pages, a restart, the rest with the last id seen as RSM <after/>
            List<Message> forwards = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            MamManager.MamQuery query = MamManager.getInstanceFor(juliet.connection())
                    .queryArchive(MamManager.MamQueryArgs.builder().setResultPageSizeTo(PAGE).build());
            collect(query, forwards, ids);
            for (int page = 1; page < MAX_PAGES / 4 && !query.isComplete(); page++) {
                List<Message> next = query.pageNext(PAGE);
                forwards.addAll(next);
                ids.addAll(resultIds(query));
            }
            assertThat(query.isComplete()).as("half way").isFalse();
            juliet.close();
            server.restart();
            juliet = julietAccount.login();
            query = MamManager.getInstanceFor(juliet.connection()).queryArchive(MamManager.MamQueryArgs.builder()
                    .setResultPageSizeTo(PAGE).afterUid(ids.get(ids.size() - 1)).build());
            collect(query, forwards, ids);
            for (int page = 0; page < MAX_PAGES && !query.isComplete(); page++) {
                forwards.addAll(query.pageNext(PAGE));
                ids.addAll(resultIds(query));
            }
            assertThat(query.isComplete()).isTrue();
            assertThat(ids).hasSize(SENDERS * PER_SENDER).doesNotHaveDuplicates();
            assertAscending(ids);
            assertEachSenderInOrder(forwards);

            // backwards: the last page (empty RSM <before/>), then RSM <before/> the first id of each page
            List<String> backwards = new ArrayList<>();
            query = MamManager.getInstanceFor(juliet.connection()).queryArchive(MamManager.MamQueryArgs.builder()
                    .setResultPageSizeTo(PAGE).queryLastPage().build());
            List<String> page = resultIds(query);
            backwards.addAll(0, page);
            for (int i = 0; i < MAX_PAGES && !query.isComplete(); i++) {
                query.pagePrevious(PAGE);
                backwards.addAll(0, resultIds(query));
            }
            assertThat(query.isComplete()).isTrue();
            assertThat(backwards).isEqualTo(ids);
            juliet.close();
        }
    }

    /** Ten senders at once (so the archive's group commit batches across them); each waits for its last commit. */
    private static void send(List<Account> senders, Actor juliet) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Account account : senders) {
                done.add(pool.submit(() -> {
                    try (Actor sender = account.login()) {
                        for (int i = 0; i < PER_SENDER; i++) {
                            sender.chat(juliet.jid(), account.local() + " " + i);
                        }
                    }
                    // archived before it is delivered, and one sender's messages arrive in order
                    String last = account.local() + " " + (PER_SENDER - 1);
                    juliet.inbox().await(Message.class, m -> last.equals(m.getBody()), last, Duration.ofSeconds(60));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    private static void collect(MamManager.MamQuery query, List<Message> messages, List<String> ids) {
        messages.addAll(query.getMessages());
        ids.addAll(resultIds(query));
    }

    private static List<String> resultIds(MamManager.MamQuery query) {
        return query.getMamResultExtensions().stream().map(MamElements.MamResultExtension::getId).toList();
    }

    private static void assertAscending(List<String> ids) {
        List<Long> numbers = ids.stream().map(Long::parseLong).toList();
        List<Long> sorted = new ArrayList<>(numbers);
        Collections.sort(sorted);
        assertThat(numbers).as("chronological order (XEP-0313 §4.2)").isEqualTo(sorted);
    }

    private static void assertEachSenderInOrder(List<Message> messages) {
        Map<String, Integer> next = new HashMap<>();
        for (Message m : messages) {
            String[] parts = m.getBody().split(" ");
            int expected = next.getOrDefault(parts[0], 0);
            assertThat(Integer.parseInt(parts[1])).as("message of " + parts[0]).isEqualTo(expected);
            next.put(parts[0], expected + 1);
        }
        assertThat(next.values()).containsOnly(PER_SENDER);
    }
}
