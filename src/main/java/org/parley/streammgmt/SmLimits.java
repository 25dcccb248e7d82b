package org.parley.streammgmt;

import java.time.Duration;

/**
 * Stream management settings ({@code sm.*}).
 *
 * @param enabled whether {@code <sm/>} is offered at all
 * @param requestAfter the server asks for an ack ({@code <r/>}) once this many stanzas are unacknowledged
 * @param requestDelay ... or when any are unacknowledged and this long passed without an ack
 * @param resumeTimeout how long a dropped resumable session waits for its client ({@code max} in {@code <enabled/>})
 * @param maxUnacked stanzas a session may hold unacknowledged (attached or detached) before it is ended
 * @param maxResumablePerAccount detached sessions one account may have waiting; a new one ends the oldest
 * @param maxResumable detached sessions on the server; a new one ends the oldest
 */
public record SmLimits(boolean enabled, int requestAfter, Duration requestDelay, Duration resumeTimeout,
        int maxUnacked, int maxResumablePerAccount, int maxResumable) {

    public SmLimits {
        if (requestAfter < 1 || maxUnacked < 1 || maxResumablePerAccount < 1 || maxResumable < 1) {
            throw new IllegalArgumentException("stream management limits must be at least 1");
        }
    }

    /** The {@code max} attribute of {@code <enabled/>}: whole seconds, at least 1. */
    public long resumeSeconds() {
        return Math.max(1, resumeTimeout.toSeconds());
    }
}
