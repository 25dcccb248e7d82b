package org.parley.proxy65;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.parley.proxy65.BytestreamProxy.Activation;

class BytestreamProxyTest {

    private static final String REQUESTER = "romeo@example.net/orchard";
    private static final String TARGET = "juliet@example.net/balcony";

    private final ProxyPairs<RelayConnection> pairs = new ProxyPairs<>(10);
    private final BytestreamProxy proxy = new BytestreamProxy(new StreamHost("proxy.example.net", "192.0.2.1", 7777),
            pairs);
    private final List<String> relays = new ArrayList<>();

    private RelayConnection connection(String name) {
        return new RelayConnection() {
            @Override
            public void relayTo(RelayConnection peer) {
                relays.add(name + "->" + peer);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private void bothConnected() {
        String hash = StreamHash.of("sid", REQUESTER, TARGET);
        pairs.connect(hash, connection("target"));
        pairs.connect(hash, connection("requester"));
    }

    @Test
    @DisplayName("§6.3.5: the hash of SID + the requester's JID + the target pairs both connections, both ways")
    void activationStartsTheRelayBothWays() {
        bothConnected();

        assertThat(proxy.activate("sid", REQUESTER, TARGET)).isEqualTo(Activation.ACTIVATED);
        assertThat(relays).containsExactly("target->requester", "requester->target");
    }

    @Test
    @DisplayName("§6.3.5: anyone but the requester computes another hash: item-not-found, nothing relayed")
    void onlyTheRequesterActivates() {
        bothConnected();

        assertThat(proxy.activate("sid", TARGET, TARGET)).isEqualTo(Activation.NOT_FOUND);
        assertThat(proxy.activate("sid", "tybalt@example.net/street", TARGET)).isEqualTo(Activation.NOT_FOUND);
        assertThat(proxy.activate("other-sid", REQUESTER, TARGET)).isEqualTo(Activation.NOT_FOUND);
        assertThat(relays).isEmpty();
    }

    @Test
    void onlyTheTargetConnected() {
        pairs.connect(StreamHash.of("sid", REQUESTER, TARGET), connection("target"));

        assertThat(proxy.activate("sid", REQUESTER, TARGET)).isEqualTo(Activation.ONLY_ONE_CONNECTED);
        assertThat(relays).isEmpty();
    }
}
