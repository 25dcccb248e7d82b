package org.parley.pep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.pep.PepFixtures.ALICE;
import static org.parley.pep.PepFixtures.BOB;
import static org.parley.pep.PepFixtures.MOOD;
import static org.parley.pep.PepFixtures.OPEN_5;
import static org.parley.pep.PepFixtures.T0;
import static org.parley.pep.PepFixtures.TUNE;
import static org.parley.pep.PepFixtures.item;
import static org.parley.pep.PepFixtures.tune;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.BareJid;

/**
 * The behaviour every {@link PepStore} must have. Each backend's test implements this interface and hands a fresh,
 * empty store to every test method. The behaviour under concurrent use is in {@link PepStoreConcurrencyContract},
 * which this interface includes.
 */
public interface PepStoreContract extends PepStoreConcurrencyContract {

    /** A fresh, empty store; called once per test method and then again for the same store. */
    @Override
    PepStore store();

    /** Makes {@code owner} an existing account where the backend requires owners to be accounts; else does nothing. */
    @Override
    void createAccount(BareJid owner);

    private BareJid owner(BareJid owner) {
        createAccount(owner);
        return owner;
    }

    /** Publishes items {@code ids} in this order, one second apart, to a node made with {@code ifAbsent}. */
    private void publishAll(BareJid owner, String node, NodeConfig ifAbsent, String... ids) {
        for (int i = 0; i < ids.length; i++) {
            store().publish(owner, node, ifAbsent, item(ids[i], i));
        }
    }

    private List<String> ids(BareJid owner, String node) {
        return store().items(owner, node, NodeConfig.MAX_ITEMS_LIMIT).stream().map(PepItem::id).toList();
    }

    @Test
    default void anOwnerWithoutNodesHasNothingToChange() {
        BareJid alice = owner(ALICE);

        assertThat(store().node(alice, TUNE)).isEmpty();
        assertThat(store().nodes(alice)).isEmpty();
        assertThat(store().items(alice, TUNE, 10)).isEmpty();
        assertThat(store().items(alice, TUNE, List.of("a"))).isEmpty();
        assertThat(store().retract(alice, TUNE, "a")).isFalse();
        assertThat(store().configure(alice, TUNE, OPEN_5)).isFalse();
        assertThat(store().purge(alice, TUNE)).isFalse();
        assertThat(store().delete(alice, TUNE)).isFalse();
        assertThat(store().nodes(alice)).as("no call above may create the node").isEmpty();
    }

    @Test
    default void createMakesAnEmptyNodeAndASecondCreateChangesNothing() {
        BareJid alice = owner(ALICE);
        PepNode tune = new PepNode(alice, TUNE, OPEN_5);

        assertThat(store().create(tune)).isTrue();
        assertThat(store().create(new PepNode(alice, TUNE, NodeConfig.DEFAULT))).isFalse();

        assertThat(store().node(alice, TUNE)).contains(tune);
        assertThat(store().nodes(alice)).containsExactly(tune);
        assertThat(store().items(alice, TUNE, 10)).isEmpty();
    }

    @Test
    default void publishCreatesAMissingNodeWithTheIfAbsentConfig() {
        BareJid alice = owner(ALICE);

        PepNode published = store().publish(alice, TUNE, OPEN_5, item("a", 0));

        assertThat(published).isEqualTo(new PepNode(alice, TUNE, OPEN_5));
        assertThat(store().node(alice, TUNE)).contains(published);
        assertThat(store().items(alice, TUNE, 10)).containsExactly(item("a", 0));
    }

    @Test
    default void publishToAnExistingNodeKeepsItsConfig() {
        BareJid alice = owner(ALICE);
        store().create(new PepNode(alice, TUNE, OPEN_5));

        PepNode published = store().publish(alice, TUNE, NodeConfig.DEFAULT, item("a", 0));
        store().publish(alice, TUNE, NodeConfig.DEFAULT, item("b", 1));

        assertThat(published.config()).isEqualTo(OPEN_5);
        assertThat(store().node(alice, TUNE).orElseThrow().config()).isEqualTo(OPEN_5);
        assertThat(ids(alice, TUNE)).as("max items 5, not the ifAbsent 1").containsExactly("b", "a");
    }

    @Test
    default void republishingAnIdReplacesTheItemAndMakesItTheNewest() {
        BareJid alice = owner(ALICE);
        publishAll(alice, TUNE, OPEN_5, "a", "b", "c");
        PepItem again = new PepItem("a", tune("a, again"), T0.plusSeconds(60));

        store().publish(alice, TUNE, OPEN_5, again);

        assertThat(store().items(alice, TUNE, 10)).containsExactly(again, item("c", 2), item("b", 1));
    }

    @Test
    default void publishKeepsOnlyTheNewestMaxItems() {
        BareJid alice = owner(ALICE);
        NodeConfig three = new NodeConfig(AccessModel.PRESENCE, 3);

        publishAll(alice, TUNE, three, "a", "b", "c", "d", "e");

        assertThat(store().items(alice, TUNE, 10)).containsExactly(item("e", 4), item("d", 3), item("c", 2));
        store().publish(alice, MOOD, NodeConfig.DEFAULT, item("x", 0));
        store().publish(alice, MOOD, NodeConfig.DEFAULT, item("y", 1));
        assertThat(ids(alice, MOOD)).as("the default keeps the last item only").containsExactly("y");
    }

    @Test
    default void republishingIntoAFullNodeDropsNothingElse() {
        BareJid alice = owner(ALICE);
        publishAll(alice, TUNE, new NodeConfig(AccessModel.OPEN, 3), "a", "b", "c");

        store().publish(alice, TUNE, OPEN_5, item("b", 10)); // replaces b: still three items

        assertThat(ids(alice, TUNE)).containsExactly("b", "c", "a");
    }

    @Test
    default void itemsWithAMaximumAreTheNewestFirst() {
        BareJid alice = owner(ALICE);
        publishAll(alice, TUNE, OPEN_5, "a", "b", "c", "d");

        assertThat(store().items(alice, TUNE, 2)).containsExactly(item("d", 3), item("c", 2));
        assertThat(store().items(alice, TUNE, 4)).extracting(PepItem::id).containsExactly("d", "c", "b", "a");
        assertThat(store().items(alice, TUNE, 100)).hasSize(4);
        assertThat(store().items(alice, TUNE, 0)).isEmpty();
        assertThatThrownBy(() -> store().items(alice, TUNE, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void itemsByIdAreTheExistingOnesNewestFirst() {
        BareJid alice = owner(ALICE);
        publishAll(alice, TUNE, OPEN_5, "a", "b", "c", "d");

        assertThat(store().items(alice, TUNE, List.of("a", "nope", "c", "c")))
                .containsExactly(item("c", 2), item("a", 0));
        assertThat(store().items(alice, TUNE, Set.of("d"))).containsExactly(item("d", 3));
        assertThat(store().items(alice, TUNE, List.of())).isEmpty();
        assertThat(store().items(alice, TUNE, List.of("A", "nope"))).as("ids match exactly").isEmpty();
        assertThat(store().items(alice, MOOD, List.of("a"))).as("another node").isEmpty();
    }

    @Test
    default void retractDeletesOneItem() {
        BareJid alice = owner(ALICE);
        publishAll(alice, TUNE, OPEN_5, "a", "b", "c");

        assertThat(store().retract(alice, TUNE, "b")).isTrue();
        assertThat(store().retract(alice, TUNE, "b")).isFalse();
        assertThat(store().retract(alice, TUNE, "nope")).isFalse();
        assertThat(store().retract(alice, MOOD, "a")).isFalse();

        assertThat(ids(alice, TUNE)).containsExactly("c", "a");
        store().publish(alice, TUNE, OPEN_5, item("b", 9));
        assertThat(ids(alice, TUNE)).containsExactly("b", "c", "a");
    }

    @Test
    default void configureReplacesTheConfigAndTrimsToTheNewMaximum() {
        BareJid alice = owner(ALICE);
        publishAll(alice, TUNE, OPEN_5, "a", "b", "c", "d");
        NodeConfig two = new NodeConfig(AccessModel.WHITELIST, 2);

        assertThat(store().configure(alice, TUNE, two)).isTrue();

        assertThat(store().node(alice, TUNE)).contains(new PepNode(alice, TUNE, two));
        assertThat(ids(alice, TUNE)).containsExactly("d", "c");
        assertThat(store().configure(alice, TUNE, new NodeConfig(AccessModel.OPEN, 3))).isTrue();
        store().publish(alice, TUNE, OPEN_5, item("e", 5));
        assertThat(ids(alice, TUNE)).as("a larger maximum keeps more from now on").containsExactly("e", "d", "c");
    }

    @Test
    default void configureOfAMissingNodeReturnsFalseAndCreatesNothing() {
        BareJid alice = owner(ALICE);

        assertThat(store().configure(alice, TUNE, OPEN_5)).isFalse();

        assertThat(store().node(alice, TUNE)).isEmpty();
    }

    @Test
    default void purgeDeletesTheItemsAndKeepsTheNode() {
        BareJid alice = owner(ALICE);
        publishAll(alice, TUNE, OPEN_5, "a", "b");

        assertThat(store().purge(alice, TUNE)).isTrue();
        assertThat(store().purge(alice, TUNE)).as("an empty node is still a node").isTrue();

        assertThat(store().node(alice, TUNE)).contains(new PepNode(alice, TUNE, OPEN_5));
        assertThat(store().items(alice, TUNE, 10)).isEmpty();
        assertThat(store().purge(alice, MOOD)).isFalse();
    }

    @Test
    default void deleteRemovesTheNodeWithItsItems() {
        BareJid alice = owner(ALICE);
        publishAll(alice, TUNE, OPEN_5, "a", "b");
        publishAll(alice, MOOD, OPEN_5, "m");

        assertThat(store().delete(alice, TUNE)).isTrue();
        assertThat(store().delete(alice, TUNE)).isFalse();

        assertThat(store().node(alice, TUNE)).isEmpty();
        assertThat(store().items(alice, TUNE, 10)).isEmpty();
        assertThat(ids(alice, MOOD)).containsExactly("m");
        store().publish(alice, TUNE, NodeConfig.DEFAULT, item("c", 5));
        assertThat(store().node(alice, TUNE).orElseThrow().config()).as("a new node, new config")
                .isEqualTo(NodeConfig.DEFAULT);
        assertThat(ids(alice, TUNE)).as("nothing of the old node comes back").containsExactly("c");
    }

    @Test
    default void nodesAreSortedByName() {
        BareJid alice = owner(ALICE);
        // UTF-16 order, String.compareTo's: upper before lower case, and a character outside the BMP (a surrogate
        // pair, 0xD83D...) before U+FF5A, though its code point is higher.
        List<String> names = List.of("urn:xmpp:avatar:data", "Z", "a", "é", "😀", "ｚ", MOOD, TUNE);
        for (String name : names) {
            store().create(new PepNode(alice, name, NodeConfig.DEFAULT));
        }

        assertThat(store().nodes(alice)).extracting(PepNode::name)
                .containsExactly("Z", "a", MOOD, TUNE, "urn:xmpp:avatar:data", "é", "😀", "ｚ");
    }

    @Test
    default void ownersDoNotSeeOrChangeEachOthersNodes() {
        BareJid alice = owner(ALICE);
        BareJid bob = owner(BOB);
        publishAll(alice, TUNE, OPEN_5, "a1", "a2");
        publishAll(bob, TUNE, NodeConfig.DEFAULT, "b1");

        assertThat(store().retract(bob, TUNE, "a1")).isFalse();
        assertThat(store().purge(bob, TUNE)).isTrue();
        assertThat(store().delete(bob, TUNE)).isTrue();

        assertThat(store().nodes(alice)).containsExactly(new PepNode(alice, TUNE, OPEN_5));
        assertThat(ids(alice, TUNE)).containsExactly("a2", "a1");
        assertThat(store().nodes(bob)).isEmpty();
    }

    @Test
    default void ownersAreMatchedByCanonicalJid() {
        owner(ALICE);
        store().publish(BareJid.parse("Alice@EXAMPLE.org"), TUNE, OPEN_5, item("a", 0));

        assertThat(store().nodes(BareJid.parse("ALICE@example.org"))).extracting(PepNode::owner).containsExactly(ALICE);
        assertThat(ids(ALICE, TUNE)).containsExactly("a");
    }

    @Test
    default void nodeNamesAndItemIdsAreComparedExactly() {
        BareJid alice = owner(ALICE);
        store().publish(alice, "node", OPEN_5, item("id", 0));
        store().publish(alice, "Node", OPEN_5, item("ID", 1));
        store().publish(alice, "node", OPEN_5, item("Id", 2));

        assertThat(store().nodes(alice)).extracting(PepNode::name).containsExactly("Node", "node");
        assertThat(ids(alice, "node")).containsExactly("Id", "id");
        assertThat(ids(alice, "Node")).containsExactly("ID");
    }

    @Test
    default void thePayloadTextRoundTripsExactly() {
        BareJid alice = owner(ALICE);
        String payload = "<tune xmlns=\"http://jabber.org/protocol/tune\" xml:lang='de'>\n"
                + "  <artist>Grüße aus Köln, 例え, 😀 𝄞</artist>\r\n\t<title>&lt;/tune&gt; &amp;amp; \"q\" 'a'</title>"
                + "<x xmlns='urn:example:unknown' attr='&lt;&gt;'><![CDATA[ <not-markup/> ]]></x>  </tune>";
        PepItem item = new PepItem("id 😀 & <x>", payload, T0);

        store().publish(alice, TUNE, OPEN_5, item);

        assertThat(store().items(alice, TUNE, 1)).containsExactly(item);
        assertThat(store().items(alice, TUNE, List.of("id 😀 & <x>"))).containsExactly(item);
    }

    @Test
    default void publicationTimesKeepTheirNanoseconds() {
        BareJid alice = owner(ALICE);
        Instant later = T0.plusNanos(1);

        store().publish(alice, TUNE, OPEN_5, new PepItem("a", tune("a"), T0));
        store().publish(alice, TUNE, OPEN_5, new PepItem("b", tune("b"), later));

        assertThat(store().items(alice, TUNE, 2)).extracting(PepItem::publishedAt).containsExactly(later, T0);
    }

    @Test
    default void theLongestNamesAndIdsAreKept() {
        BareJid alice = owner(ALICE);
        // 1023 bytes of UTF-8 each: in characters one or two per code point, never more than 1023.
        String name = "😀".repeat(255) + "abc";
        String id = "é".repeat(511) + "x";
        PepItem item = new PepItem(id, tune("long"), T0);

        store().publish(alice, name, OPEN_5, item);

        assertThat(store().nodes(alice)).extracting(PepNode::name).containsExactly(name);
        assertThat(store().items(alice, name, List.of(id))).containsExactly(item);
    }

    @Test
    default void anInvalidNodeNameIsRefusedAndCreatesNothing() {
        BareJid alice = owner(ALICE);

        assertThatThrownBy(() -> store().publish(alice, "", OPEN_5, item("a", 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().publish(alice, "n".repeat(PepNode.MAX_NAME_BYTES + 1), OPEN_5, item("a", 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().publish(alice, TUNE, null, item("a", 0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store().publish(alice, TUNE, OPEN_5, null))
                .isInstanceOf(NullPointerException.class);

        assertThat(store().nodes(alice)).isEmpty();
    }
}
