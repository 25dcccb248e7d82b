package org.parley.pep;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code pubsub#node_config} data form (XEP-0060 §16.4.4) as Parley reads it, for node configuration (§8.2),
 * creation with a configuration (§8.1.3) and publish-options (§7.1.5). Pure.
 *
 * <p>Parley acts on {@code pubsub#access_model} and {@code pubsub#max_items}. It always persists items, delivers
 * payloads and sends the last item on subscription and presence, so it accepts those fields only with those
 * values. Any other field is refused rather than ignored: a client that asks for a behaviour must not be told it
 * has it when it has not.
 */
public final class NodeConfigForm {

    /** The form's FORM_TYPE. */
    public static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#node_config";
    /** The publish-options form's FORM_TYPE (XEP-0060 §16.4.5). */
    public static final String PUBLISH_OPTIONS = "http://jabber.org/protocol/pubsub#publish-options";

    static final String ACCESS_MODEL = "pubsub#access_model";
    static final String MAX_ITEMS = "pubsub#max_items";

    /** Fields with a value Parley always has; a request for exactly that value is accepted and changes nothing. */
    static final Map<String, List<String>> FIXED = Map.of(
            "pubsub#persist_items", List.of("1", "true"),
            "pubsub#deliver_payloads", List.of("1", "true"),
            "pubsub#deliver_notifications", List.of("1", "true"),
            "pubsub#presence_based_delivery", List.of("0", "false"),
            "pubsub#send_last_published_item", List.of("on_sub_and_presence"));

    private NodeConfigForm() {}

    /**
     * {@code base} changed by the submitted {@code fields} (var → values), or the error to return. Empty values
     * leave a field as it is.
     */
    public static Result apply(NodeConfig base, Map<String, List<String>> fields) {
        NodeConfig config = base;
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            String var = field.getKey();
            String value = field.getValue().isEmpty() ? null : field.getValue().get(0);
            if ("FORM_TYPE".equals(var) || value == null) {
                continue;
            }
            if (ACCESS_MODEL.equals(var)) {
                Optional<AccessModel> model = AccessModel.fromWire(value);
                if (model.isEmpty()) {
                    return new Result(null, PepError.NOT_ACCEPTABLE);
                }
                config = new NodeConfig(model.get(), config.maxItems());
            } else if (MAX_ITEMS.equals(var)) {
                Optional<Integer> max = maxItems(value);
                if (max.isEmpty()) {
                    return new Result(null, PepError.NOT_ACCEPTABLE);
                }
                config = new NodeConfig(config.accessModel(), max.get());
            } else if (!FIXED.getOrDefault(var, List.of()).contains(value)) {
                return new Result(null, PepError.NOT_ACCEPTABLE);
            }
        }
        return new Result(config, null);
    }

    /** §16.4.4: a count, or "max" for the most the service allows. */
    static Optional<Integer> maxItems(String value) {
        if ("max".equals(value)) {
            return Optional.of(NodeConfig.MAX_ITEMS_LIMIT);
        }
        try {
            int n = Integer.parseInt(value.trim());
            return n >= 1 && n <= NodeConfig.MAX_ITEMS_LIMIT ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The outcome of {@link #apply}: exactly one of the two is set.
     *
     * @param config the resulting configuration
     * @param error why the form cannot be applied
     */
    public record Result(NodeConfig config, PepError error) {}
}
