package org.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.routing.DeliveryRules.Kind;
import org.parley.routing.DeliveryRules.Target;

/**
 * RFC 6121 §8.5 (Local User), the whole table, one row per case, each citing its section. Columns: section, stanza
 * kind, {@code type} ({@code -}: absent), whether the account exists, the addressed resource ({@code -}: the bare
 * JID), the user's resources, and the decision: {@code bounce} (service-unavailable to the sender), {@code ignore},
 * {@code offline}, {@code server} (the server answers on the user's behalf) or the resources it is delivered to.
 *
 * <p>Resources: {@code all} is {@code hi} (available, priority 5), {@code hi2} (available, 5), {@code lo}
 * (available, 1), {@code neg} (available, -1) and {@code idle} (connected, never sent presence); {@code none} is no
 * session at all; {@code negonly} only {@code neg}; {@code idleonly} only {@code idle}; {@code lonely} only
 * {@code lo}.
 *
 * <p>Subscription presence ({@code subscribe}, ...) and probes are processed by {@link SubscriptionService} and the
 * presence layer (§3, §4.3, tested in {@code SubscriptionServiceTest} and the ITs); only their §8.5.1 rows are here,
 * as the table gives them.
 */
class DeliveryRulesTest {

    private static final List<Target> ALL = List.of(new Target("hi", true, 5), new Target("hi2", true, 5),
            new Target("lo", true, 1), new Target("neg", true, -1), new Target("idle", false, 0));

    @ParameterizedTest(name = "§{0}: {1} type={2} exists={3} resource={4} resources={5} -> {6}")
    @CsvSource(nullValues = "-", value = {
        // §8.5.1 No Such User, bare JID. Message: "MUST either (a) silently ignore the message or (b) return a
        // <service-unavailable/> stanza error": Parley bounces; an error is never answered (RFC 6120 §8.3.1)
        "8.5.1, MESSAGE, normal, false, -, none, bounce",
        "8.5.1, MESSAGE, -, false, -, none, bounce",
        "8.5.1, MESSAGE, chat, false, -, none, bounce",
        "8.5.1, MESSAGE, groupchat, false, -, none, bounce",
        "8.5.1, MESSAGE, headline, false, -, none, bounce",
        "8.5.1, MESSAGE, error, false, -, none, ignore",
        // presence: "MUST silently ignore" (no type, unavailable, the four subscription types); probe: "either (a)
        // silently ignore the stanza or (b) return ... unsubscribed": ignored
        "8.5.1, PRESENCE, -, false, -, none, ignore",
        "8.5.1, PRESENCE, unavailable, false, -, none, ignore",
        "8.5.1, PRESENCE, subscribe, false, -, none, ignore",
        "8.5.1, PRESENCE, subscribed, false, -, none, ignore",
        "8.5.1, PRESENCE, unsubscribe, false, -, none, ignore",
        "8.5.1, PRESENCE, unsubscribed, false, -, none, ignore",
        "8.5.1, PRESENCE, probe, false, -, none, ignore",
        "8.5.1, PRESENCE, error, false, -, none, ignore",
        // IQ: "the server MUST return a <service-unavailable/> stanza error"; a response is never answered (RFC 6120
        // §8.2.3)
        "8.5.1, IQ, get, false, -, none, bounce",
        "8.5.1, IQ, set, false, -, none, bounce",
        "8.5.1, IQ, result, false, -, none, ignore",
        "8.5.1, IQ, error, false, -, none, ignore",
        // §8.5.1 No Such User, full JID: the same rules
        "8.5.1, MESSAGE, normal, false, res, none, bounce",
        "8.5.1, MESSAGE, chat, false, res, none, bounce",
        "8.5.1, MESSAGE, groupchat, false, res, none, bounce",
        "8.5.1, MESSAGE, headline, false, res, none, bounce",
        "8.5.1, MESSAGE, error, false, res, none, ignore",
        "8.5.1, PRESENCE, -, false, res, none, ignore",
        "8.5.1, PRESENCE, unavailable, false, res, none, ignore",
        "8.5.1, PRESENCE, subscribe, false, res, none, ignore",
        "8.5.1, IQ, get, false, res, none, bounce",
        "8.5.1, IQ, set, false, res, none, bounce",
        "8.5.1, IQ, result, false, res, none, ignore",
        "8.5.1, IQ, error, false, res, none, ignore",

        // §8.5.2.1.1 bare JID, available resources, message: normal and chat to the "most available" (highest
        // priority, all of them on a tie), never to a negative priority; an absent or unknown type is normal (§5.2.2)
        "8.5.2.1.1, MESSAGE, normal, true, -, all, hi hi2",
        "8.5.2.1.1, MESSAGE, -, true, -, all, hi hi2",
        "8.5.2.1.1, MESSAGE, bogus, true, -, all, hi hi2",
        "8.5.2.1.1, MESSAGE, chat, true, -, all, hi hi2",
        "8.5.2.1.1, MESSAGE, chat, true, -, lonely, lo",
        // "If all available resources have a negative presence priority then the server SHOULD treat the message as
        // if there were no available resources" (offline storage, §8.5.2.2.1); a connected but unavailable resource
        // is no available resource
        "8.5.2.1.1, MESSAGE, normal, true, -, negonly, offline",
        "8.5.2.1.1, MESSAGE, chat, true, -, negonly, offline",
        "8.5.2.1.1, MESSAGE, chat, true, -, idleonly, offline",
        // headline: "MUST deliver the message to all of the non-negative resources"; none: silently ignore
        "8.5.2.1.1, MESSAGE, headline, true, -, all, hi hi2 lo",
        "8.5.2.1.1, MESSAGE, headline, true, -, negonly, ignore",
        // groupchat: error (a user's bare JID is no room); error: "MUST silently ignore"
        "8.5.2.1.1, MESSAGE, groupchat, true, -, all, bounce",
        "8.5.2.1.1, MESSAGE, error, true, -, all, ignore",
        // §8.5.2.1.2 presence (no type, unavailable): "MUST deliver it to all available resources", negative
        // priority included, not to a resource that never sent presence
        "8.5.2.1.2, PRESENCE, -, true, -, all, hi hi2 lo neg",
        "8.5.2.1.2, PRESENCE, unavailable, true, -, all, hi hi2 lo neg",
        "8.5.2.1.2, PRESENCE, -, true, -, negonly, neg",
        "8.5.2.1.2, PRESENCE, error, true, -, all, hi hi2 lo neg",
        // §8.5.2.1.3 IQ: "the server itself MUST reply on behalf of the user ... and MUST NOT deliver the IQ stanza
        // to any of the user's available resources"; responses are never answered
        "8.5.2.1.3, IQ, get, true, -, all, server",
        "8.5.2.1.3, IQ, set, true, -, all, server",
        "8.5.2.1.3, IQ, result, true, -, all, ignore",
        "8.5.2.1.3, IQ, error, true, -, all, ignore",

        // §8.5.2.2.1 bare JID, no available or connected resources, message: normal and chat stored offline
        // (XEP-0160); headline and error "MUST silently ignore"; groupchat "MUST return an error"
        "8.5.2.2.1, MESSAGE, normal, true, -, none, offline",
        "8.5.2.2.1, MESSAGE, -, true, -, none, offline",
        "8.5.2.2.1, MESSAGE, chat, true, -, none, offline",
        "8.5.2.2.1, MESSAGE, headline, true, -, none, ignore",
        "8.5.2.2.1, MESSAGE, groupchat, true, -, none, bounce",
        "8.5.2.2.1, MESSAGE, error, true, -, none, ignore",
        // §8.5.2.2.2 presence (no type, unavailable): "SHOULD silently ignore" (the last unavailable presence is
        // kept by the presence layer, not routed)
        "8.5.2.2.2, PRESENCE, -, true, -, none, ignore",
        "8.5.2.2.2, PRESENCE, unavailable, true, -, none, ignore",
        "8.5.2.2.2, PRESENCE, -, true, -, idleonly, ignore",
        // §8.5.2.2.3 IQ: the server replies on the user's behalf, as with resources
        "8.5.2.2.3, IQ, get, true, -, none, server",
        "8.5.2.2.3, IQ, set, true, -, none, server",
        "8.5.2.2.3, IQ, result, true, -, none, ignore",
        "8.5.2.2.3, IQ, error, true, -, none, ignore",

        // §8.5.3.1 full JID, resource matches (available or only connected): "MUST deliver the stanza to the
        // resource", whatever its kind, type and priority
        "8.5.3.1, MESSAGE, normal, true, neg, all, neg",
        "8.5.3.1, MESSAGE, chat, true, lo, all, lo",
        "8.5.3.1, MESSAGE, groupchat, true, idle, all, idle",
        "8.5.3.1, MESSAGE, headline, true, lo, all, lo",
        "8.5.3.1, MESSAGE, error, true, neg, all, neg",
        "8.5.3.1, PRESENCE, -, true, lo, all, lo",
        "8.5.3.1, PRESENCE, unavailable, true, idle, all, idle",
        "8.5.3.1, IQ, get, true, idle, all, idle",
        "8.5.3.1, IQ, set, true, neg, all, neg",
        "8.5.3.1, IQ, result, true, hi, all, hi",
        "8.5.3.1, IQ, error, true, hi, all, hi",

        // §8.5.3.2.1 full JID, no resource matches, message. normal, groupchat, headline: "MUST either (a) silently
        // ignore the stanza or (b) return an error stanza to the sender, which SHOULD be <service-unavailable/>":
        // never delivered to another resource. Parley bounces normal (and groupchat) and ignores headline (see
        // DeliveryRules#noSuchResource for why)
        "8.5.3.2.1, MESSAGE, normal, true, gone, all, bounce",
        "8.5.3.2.1, MESSAGE, -, true, gone, all, bounce",
        "8.5.3.2.1, MESSAGE, bogus, true, gone, all, bounce",
        "8.5.3.2.1, MESSAGE, normal, true, gone, none, bounce",
        "8.5.3.2.1, MESSAGE, groupchat, true, gone, all, bounce",
        "8.5.3.2.1, MESSAGE, groupchat, true, gone, none, bounce",
        "8.5.3.2.1, MESSAGE, headline, true, gone, all, ignore",
        "8.5.3.2.1, MESSAGE, headline, true, gone, none, ignore",
        // chat: as to the bare JID: the "most available" non-negative resources, else offline storage (or an error;
        // Parley stores)
        "8.5.3.2.1, MESSAGE, chat, true, gone, all, hi hi2",
        "8.5.3.2.1, MESSAGE, chat, true, gone, lonely, lo",
        "8.5.3.2.1, MESSAGE, chat, true, gone, negonly, offline",
        "8.5.3.2.1, MESSAGE, chat, true, gone, none, offline",
        // error: "MUST silently ignore the stanza"
        "8.5.3.2.1, MESSAGE, error, true, gone, all, ignore",
        // §8.5.3.2.2 presence (no type, unavailable): "MUST silently ignore the stanza"
        "8.5.3.2.2, PRESENCE, -, true, gone, all, ignore",
        "8.5.3.2.2, PRESENCE, unavailable, true, gone, all, ignore",
        "8.5.3.2.2, PRESENCE, -, true, gone, none, ignore",
        // §8.5.3.2.3 IQ: "MUST return a <service-unavailable/> stanza error"; a response is never answered
        "8.5.3.2.3, IQ, get, true, gone, all, bounce",
        "8.5.3.2.3, IQ, set, true, gone, none, bounce",
        "8.5.3.2.3, IQ, result, true, gone, all, ignore",
        "8.5.3.2.3, IQ, error, true, gone, all, ignore",
    })
    void routesAsSection85Says(String section, Kind kind, String type, boolean exists, String resource,
            String resources, String expected) {
        List<Target> targets = switch (resources) {
            case "all" -> ALL;
            case "negonly" -> List.of(new Target("neg", true, -1));
            case "idleonly" -> List.of(new Target("idle", false, 0));
            case "lonely" -> List.of(new Target("lo", true, 1));
            case "none" -> List.of();
            default -> throw new IllegalArgumentException("no resource set " + resources);
        };
        DeliveryRules.Decision decision = DeliveryRules.route(kind, type, exists, resource, targets);
        String as = "RFC 6121 §" + section;
        switch (expected) {
            case "bounce" -> assertThat(decision).as(as).isInstanceOf(DeliveryRules.Bounce.class);
            case "ignore" -> assertThat(decision).as(as).isInstanceOf(DeliveryRules.Ignore.class);
            case "offline" -> assertThat(decision).as(as).isInstanceOf(DeliveryRules.Offline.class);
            case "server" -> assertThat(decision).as(as).isInstanceOf(DeliveryRules.ServerAnswers.class);
            default -> assertThat(decision).as(as)
                    .isEqualTo(new DeliveryRules.Deliver(Arrays.asList(expected.split(" "))));
        }
    }
}
