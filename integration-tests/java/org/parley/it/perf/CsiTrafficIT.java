package org.parley.it.perf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * XEP-0352: the traffic benchmark at a small size, so that it keeps working and CSI keeps saving what it saves.
 * Counts bytes, not time. The figures for larger sizes, and how to run them, are in docs/performance.md.
 */
class CsiTrafficIT {

    @Test
    @DisplayName("XEP-0352: an inactive resource gets the messages and far fewer bytes; <active/> brings the latest")
    void inactiveResourceGetsLess() throws Exception {
        int contacts = 8;
        CsiTrafficBenchmark.Result result = CsiTrafficBenchmark.run(contacts, 6, 3);
        System.out.println(result.summary());

        assertThat(result.plain().presences()).as("every change, without CSI").isEqualTo(contacts * 6);
        assertThat(result.plain().messages()).as("3 messages with 2 chat states each").isEqualTo(9);
        assertThat(result.inactive().messages()).as("the messages with a body, at once").isGreaterThanOrEqualTo(3);
        assertThat(result.inactive().presences() + result.flush().presences())
                .as("presence coalesced per contact between flushes").isLessThan(result.plain().presences());
        assertThat(result.flush().presences()).as("the latest of each contact on <active/>").isEqualTo(contacts);
        assertThat(result.inactive().bytes() + result.flush().bytes()).isLessThan(result.plain().bytes());
    }
}
