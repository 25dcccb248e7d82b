package org.parley.streammgmt;

/**
 * What the server answers when a client uses stream management wrongly or a resumption cannot be done: the table of
 * XEP-0198 §3, §5 and §6, one row per situation. A {@link Response#FAILED} answer is the recoverable
 * {@code <failed xmlns='urn:xmpp:sm:3'>} with a stanza error condition (§6: "Stream management errors SHOULD be
 * considered recoverable"); the stream and session go on. A {@link Response#STREAM_ERROR} ends the stream.
 */
public enum SmFailure {

    /** §3: "the client MUST NOT send an {@code <enable/>} element until after authentication". */
    ENABLE_BEFORE_AUTH(Response.FAILED, "unexpected-request", false),
    /** §3: "the client MUST NOT attempt to enable stream management until after it has completed Resource Binding". */
    ENABLE_BEFORE_BIND(Response.FAILED, "unexpected-request", false),
    /**
     * §3: "a client SHALL only make at most one attempt to enable stream management"; the XEP's own example answers
     * it with {@code <failed><unexpected-request/></failed>}, which Parley keeps (recoverable) rather than the
     * stream error the text allows.
     */
    ENABLE_TWICE(Response.FAILED, "unexpected-request", false),
    /** §5: resumption happens after authentication, before binding. */
    RESUME_BEFORE_AUTH(Response.FAILED, "unexpected-request", false),
    /** §5: a stream that bound a resource has a session of its own and cannot take over another. */
    RESUME_AFTER_BIND(Response.FAILED, "unexpected-request", false),
    /**
     * §5: "If the server does not recognize the 'previd' as an earlier session (e.g., because the former session has
     * timed out), it MUST return a {@code <failed/>} element, which SHOULD include an error condition of
     * {@code <item-not-found/>}" (with {@code h} when the server still knows it, XEP-0198 1.5). Also for another
     * account's id: whether it exists is not the client's business.
     */
    RESUME_UNKNOWN(Response.FAILED, "item-not-found", true),
    /** An {@code h} or {@code previd} that is not a valid value at all. */
    MALFORMED(Response.FAILED, "bad-request", false),
    /** Stream management is switched off ({@code sm.enabled=false}): §6 {@code feature-not-implemented}. */
    NOT_OFFERED(Response.FAILED, "feature-not-implemented", false),
    /**
     * §4: "If a stream management element's 'h' value is higher than the number of stanzas sent, the receiving
     * entity SHOULD return a stream error with {@code <undefined-condition/>} and
     * {@code <handled-count-too-high/>}".
     */
    H_TOO_HIGH(Response.STREAM_ERROR, "undefined-condition", true),
    /**
     * A client that leaves more than {@code sm.max_unacked} stanzas unacknowledged: RFC 6120 §4.9.3.18
     * {@code policy-violation}, as for a client over its other limits.
     */
    TOO_MANY_UNACKED(Response.STREAM_ERROR, "policy-violation", false);

    /** How a failure is reported. */
    public enum Response { FAILED, STREAM_ERROR }

    private final Response response;
    private final String condition;
    private final boolean withH;

    SmFailure(Response response, String condition, boolean withH) {
        this.response = response;
        this.condition = condition;
        this.withH = withH;
    }

    public Response response() {
        return response;
    }

    /** The RFC 6120 stanza error condition ({@code FAILED}) or stream error condition ({@code STREAM_ERROR}). */
    public String condition() {
        return condition;
    }

    /** Whether the answer carries an {@code h} attribute when the server knows one. */
    public boolean withH() {
        return withH;
    }
}
