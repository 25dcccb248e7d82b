package org.parley.proxy65;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StreamHashTest {

    @Test
    @DisplayName("XEP-0065 §5.3.2: SHA1(SID + Requester JID + Target JID), hex-encoded (values of §6.3.1's example)")
    void hashOfTheXepExample() {
        // computed independently: printf '%s' 'vxf9n471bn46requester@example.com/footarget@example.org/bar' | sha1sum
        assertThat(StreamHash.of("vxf9n471bn46", "requester@example.com/foo", "target@example.org/bar"))
                .isEqualTo("98b8d688d0f5d895fd41c5e7309a2e9e33ba32ff");
    }

    @Test
    @DisplayName("the order matters: the target cannot produce the requester's hash by swapping the JIDs")
    void orderMatters() {
        assertThat(StreamHash.of("s", "a@x/1", "b@x/2")).isNotEqualTo(StreamHash.of("s", "b@x/2", "a@x/1"));
    }

    @Test
    void fortyLowerCaseHexDigits() {
        assertThat(StreamHash.of("ß", "ä@x/ö", "b@x")).matches("[0-9a-f]{40}");
    }
}
