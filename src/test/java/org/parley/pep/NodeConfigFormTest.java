package org.parley.pep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** XEP-0060 §16.4.4 node configuration as Parley applies it: what it acts on, accepts, and refuses. */
class NodeConfigFormTest {

    @Test
    void appliesAccessModelAndMaxItems() {
        NodeConfigForm.Result r = NodeConfigForm.apply(NodeConfig.DEFAULT, Map.of(
                "FORM_TYPE", List.of(NodeConfigForm.FORM_TYPE),
                "pubsub#access_model", List.of("open"),
                "pubsub#max_items", List.of("max")));
        assertThat(r.error()).isNull();
        assertThat(r.config()).isEqualTo(new NodeConfig(AccessModel.OPEN, NodeConfig.MAX_ITEMS_LIMIT));
    }

    @Test
    void acceptsFixedBehaviourOnlyWithItsValue() {
        assertThat(NodeConfigForm.apply(NodeConfig.DEFAULT, Map.of("pubsub#persist_items", List.of("true")))
                .config()).isEqualTo(NodeConfig.DEFAULT);
        assertThat(NodeConfigForm.apply(NodeConfig.DEFAULT, Map.of("pubsub#persist_items", List.of("0"))).error())
                .isEqualTo(PepError.NOT_ACCEPTABLE);
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThat(NodeConfigForm.apply(NodeConfig.DEFAULT, Map.of("pubsub#access_model", List.of("roster")))
                .error()).isEqualTo(PepError.NOT_ACCEPTABLE);
        assertThat(NodeConfigForm.apply(NodeConfig.DEFAULT, Map.of("pubsub#max_items", List.of("0"))).error())
                .isEqualTo(PepError.NOT_ACCEPTABLE);
        assertThat(NodeConfigForm.apply(NodeConfig.DEFAULT, Map.of("pubsub#max_items", List.of("257"))).error())
                .isEqualTo(PepError.NOT_ACCEPTABLE);
        assertThat(NodeConfigForm.apply(NodeConfig.DEFAULT, Map.of("pubsub#title", List.of("x"))).error())
                .isEqualTo(PepError.NOT_ACCEPTABLE);
        // an empty value leaves the field as it is
        assertThat(NodeConfigForm.apply(NodeConfig.DEFAULT, Map.of("pubsub#title", List.of())).config())
                .isEqualTo(NodeConfig.DEFAULT);
    }
}
