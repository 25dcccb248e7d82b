package org.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.presence.DeliveryRules.Kind;
import org.parley.presence.DeliveryRules.Target;

/**
 * RFC 6121 §8.5, one row per cell of the table in {@link DeliveryRules}. The user has the resources
 * {@code hi} (available, priority 5), {@code hi2} (available, 5), {@code lo} (available, 1), {@code neg} (available,
 * -1) and {@code idle} (connected, not available), unless the row says "none" (no resource at all) or "negonly"
 * (only {@code neg}).
 */
class DeliveryRulesTest {

    private static final List<Target> ALL = List.of(new Target("hi", true, 5), new Target("hi2", true, 5),
            new Target("lo", true, 1), new Target("neg", true, -1), new Target("idle", false, 0));

    @ParameterizedTest(name = "{0} type={1} exists={2} resource={3} resources={4} -> {5}")
    @CsvSource(nullValues = "-", value = {
        // §8.5.1 no such user
        "MESSAGE, chat, false, -, all, bounce",
        "MESSAGE, normal, false, -, all, bounce",
        "MESSAGE, headline, false, -, all, bounce",
        "MESSAGE, groupchat, false, -, all, bounce",
        "MESSAGE, error, false, -, all, ignore",
        "PRESENCE, -, false, -, all, ignore",
        "IQ, get, false, -, all, bounce",
        "IQ, set, false, hi, all, bounce",
        "IQ, result, false, -, all, ignore",
        // §8.5.3.1 full JID, connected resource: delivered whatever the type
        "MESSAGE, chat, true, lo, all, lo",
        "MESSAGE, groupchat, true, idle, all, idle",
        "MESSAGE, error, true, neg, all, neg",
        "PRESENCE, unavailable, true, idle, all, idle",
        "IQ, get, true, idle, all, idle",
        "IQ, result, true, hi, all, hi",
        // §8.5.3.2 full JID, no such resource
        "MESSAGE, chat, true, gone, all, hi hi2",
        "MESSAGE, normal, true, gone, all, hi hi2",
        "MESSAGE, -, true, gone, none, offline",
        "MESSAGE, headline, true, gone, all, hi hi2 lo",
        "MESSAGE, groupchat, true, gone, all, bounce",
        "MESSAGE, error, true, gone, all, ignore",
        "PRESENCE, -, true, gone, all, ignore",
        "IQ, get, true, gone, all, bounce",
        "IQ, error, true, gone, all, ignore",
        // §8.5.2.1 bare JID, at least one available resource with a non-negative priority
        "MESSAGE, chat, true, -, all, hi hi2",
        "MESSAGE, normal, true, -, all, hi hi2",
        "MESSAGE, -, true, -, all, hi hi2",
        "MESSAGE, bogus, true, -, all, hi hi2",
        "MESSAGE, headline, true, -, all, hi hi2 lo",
        "MESSAGE, groupchat, true, -, all, bounce",
        "MESSAGE, error, true, -, all, ignore",
        "PRESENCE, -, true, -, all, hi hi2 lo neg",
        "PRESENCE, unavailable, true, -, all, hi hi2 lo neg",
        "IQ, get, true, -, all, server",
        "IQ, result, true, -, all, ignore",
        // §8.5.2.2 bare JID, no available resource with a non-negative priority
        "MESSAGE, chat, true, -, none, offline",
        "MESSAGE, normal, true, -, negonly, offline",
        "MESSAGE, headline, true, -, negonly, ignore",
        "MESSAGE, groupchat, true, -, none, bounce",
        "MESSAGE, error, true, -, none, ignore",
        "PRESENCE, -, true, -, none, ignore",
        "PRESENCE, -, true, -, negonly, neg",
        "IQ, set, true, -, none, server",
    })
    void routesAsSection85Says(Kind kind, String type, boolean exists, String resource, String resources,
            String expected) {
        List<Target> targets = switch (resources) {
            case "all" -> ALL;
            case "negonly" -> List.of(new Target("neg", true, -1));
            default -> List.of();
        };
        DeliveryRules.Decision decision = DeliveryRules.route(kind, type, exists, resource, targets);
        switch (expected) {
            case "bounce" -> assertThat(decision).isInstanceOf(DeliveryRules.Bounce.class);
            case "ignore" -> assertThat(decision).isInstanceOf(DeliveryRules.Ignore.class);
            case "offline" -> assertThat(decision).isInstanceOf(DeliveryRules.Offline.class);
            case "server" -> assertThat(decision).isInstanceOf(DeliveryRules.ServerAnswers.class);
            default -> assertThat(decision).isEqualTo(new DeliveryRules.Deliver(Arrays.asList(expected.split(" "))));
        }
    }
}
