package org.parley.streammgmt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The XEP-0198 §6 failure table: each row is the answer the XEP prescribes (or Parley chose, see the enum). */
class SmFailureTest {

    @ParameterizedTest(name = "{0} → {1} {2}, h: {3}")
    @CsvSource({
        "ENABLE_BEFORE_AUTH, FAILED,       unexpected-request,      false",
        "ENABLE_BEFORE_BIND, FAILED,       unexpected-request,      false",
        "ENABLE_TWICE,       FAILED,       unexpected-request,      false",
        "RESUME_BEFORE_AUTH, FAILED,       unexpected-request,      false",
        "RESUME_AFTER_BIND,  FAILED,       unexpected-request,      false",
        "RESUME_UNKNOWN,     FAILED,       item-not-found,          true",
        "MALFORMED,          FAILED,       bad-request,             false",
        "NOT_OFFERED,        FAILED,       feature-not-implemented, false",
        "H_TOO_HIGH,         STREAM_ERROR, undefined-condition,     true",
        "TOO_MANY_UNACKED,   STREAM_ERROR, policy-violation,        false"})
    void table(SmFailure failure, SmFailure.Response response, String condition, boolean withH) {
        assertThat(failure.response()).isEqualTo(response);
        assertThat(failure.condition()).isEqualTo(condition);
        assertThat(failure.withH()).isEqualTo(withH);
    }
}
