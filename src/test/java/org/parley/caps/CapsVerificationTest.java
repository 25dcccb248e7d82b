package org.parley.caps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** XEP-0115 §5: the verification string, checked against the specification's own examples. */
class CapsVerificationTest {

    private static final List<String> FEATURES = List.of("http://jabber.org/protocol/caps",
            "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
            "http://jabber.org/protocol/muc");

    @Test
    void simpleGenerationExample() {
        // §5.2
        DiscoInfo info = new DiscoInfo(List.of(new DiscoInfo.Identity("client", "pc", "", "Exodus 0.9.1")),
                FEATURES, List.of());
        assertThat(CapsVerification.ver(info, "sha-1")).contains("QgayPKawpkPSDYmwT/WM94uAlu0=");
    }

    @Test
    void complexGenerationExample() {
        // §5.3: two identities in different languages, and an extended-information form
        DiscoInfo info = new DiscoInfo(List.of(
                new DiscoInfo.Identity("client", "pc", "en", "Psi 0.11"),
                new DiscoInfo.Identity("client", "pc", "el", "Ψ 0.11")),
                List.of(FEATURES.get(3), FEATURES.get(1), FEATURES.get(0), FEATURES.get(2)),
                List.of(new DiscoInfo.Form("urn:xmpp:dataforms:softwareinfo", Map.of(
                        "ip_version", List.of("ipv6", "ipv4"),
                        "os", List.of("Mac"),
                        "os_version", List.of("10.5.1"),
                        "software", List.of("Psi"),
                        "software_version", List.of("0.11")))));
        assertThat(CapsVerification.ver(info, "sha-1")).contains("q07IKJEyjvHSyhy//CH0CxmKi8w=");
    }

    @Test
    void duplicatesAndUnknownHashesAreNotVerified() {
        DiscoInfo duplicateFeature = new DiscoInfo(List.of(new DiscoInfo.Identity("client", "pc", "", "")),
                List.of("a", "a"), List.of());
        assertThat(CapsVerification.ver(duplicateFeature, "sha-1")).isEmpty();
        DiscoInfo fine = new DiscoInfo(List.of(new DiscoInfo.Identity("client", "pc", "", "")), List.of("a"),
                List.of());
        assertThat(CapsVerification.ver(fine, "md5")).isEmpty();
        assertThat(CapsVerification.ver(fine, null)).isEmpty();
        assertThat(CapsVerification.ver(fine, "sha-256")).isPresent();
    }

    @Test
    void cacheKeepsOnlyVerifiedInfoAndItsNotifyNodes() {
        CapsCache cache = new CapsCache(2);
        DiscoInfo info = new DiscoInfo(List.of(new DiscoInfo.Identity("client", "pc", "", "x")),
                List.of("http://jabber.org/protocol/tune+notify", "urn:xmpp:avatar:metadata+notify", "+notify",
                        "http://jabber.org/protocol/tune"),
                List.of());
        String ver = CapsVerification.ver(info, "sha-1").orElseThrow();
        assertThat(cache.putIfVerified("sha-1", "wrong", info)).isFalse();
        assertThat(cache.notifyNodes("sha-1", "wrong")).isEmpty();
        assertThat(cache.putIfVerified("sha-1", ver, info)).isTrue();
        assertThat(cache.notifyNodes("sha-1", ver)).contains(
                java.util.Set.of("http://jabber.org/protocol/tune", "urn:xmpp:avatar:metadata"));
        // bounded: two more versions push the least recently used one out
        for (String feature : List.of("b", "c")) {
            DiscoInfo other = new DiscoInfo(info.identities(), List.of(feature), List.of());
            cache.putIfVerified("sha-1", CapsVerification.ver(other, "sha-1").orElseThrow(), other);
        }
        assertThat(cache.notifyNodes("sha-1", ver)).isEmpty();
    }
}
