package org.parley.roster;

import java.util.Objects;

/**
 * What the roster service needs to know of one connected resource of a user to pick push targets: its address and
 * whether it is an "interested resource" (RFC 6121 §2.2: "If a connected resource or available resource requests
 * the roster, it is referred to as an 'interested resource'"). The session layer builds these; an answer with
 * {@link RosterGetResult.UpToDate} or {@link RosterGetResult.InterimPushes} counts as a request for the roster too.
 *
 * @param fullJid the resource's full JID, {@code localpart@domainpart/resourcepart}, as the push's {@code to}
 * @param interested whether the resource has requested the roster in this session
 */
public record ResourceView(String fullJid, boolean interested) {

    public ResourceView {
        Objects.requireNonNull(fullJid, "fullJid");
        int slash = fullJid.indexOf('/');
        if (slash <= 0 || slash == fullJid.length() - 1) {
            throw new IllegalArgumentException("a resource has a full JID (user@domain/resource), not '" + fullJid
                    + "'");
        }
    }
}
