package org.parley.server.vysper;

import org.apache.mina.core.session.IoSession;

/** Outcomes of moving a XEP-0198 session between connections (ADR 0021). */
final class Takeover {

    private Takeover() {}

    /** What a lost connection means for its session. */
    enum Lost { END, DETACHED, WAITING, NOT_MINE }

    /** Outcome of a resumption attempt. */
    sealed interface Resume permits Resumed, Gone, TooHigh {}

    /** Resumed; {@code previous} is the connection that served the session before (maybe still open). */
    record Resumed(IoSession previous) implements Resume {}

    /** The session ended or is ending: nothing to resume. */
    record Gone() implements Resume {}

    /** The {@code h} of the {@code <resume/>} is beyond the {@code sent} stanzas (XEP-0198 §4). */
    record TooHigh(long h, long sent) implements Resume {}
}
