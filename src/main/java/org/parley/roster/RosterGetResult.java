package org.parley.roster;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a roster get (RFC 6121 §2.2, with versioning §2.6): what the IQ result carries and which interim
 * roster pushes follow it. The handler switches over the three cases.
 */
public sealed interface RosterGetResult
        permits RosterGetResult.FullRoster, RosterGetResult.UpToDate, RosterGetResult.InterimPushes {

    /**
     * The whole roster: an IQ result with a {@code <query ver='...'>} holding one {@code <item/>} per contact, and
     * no {@code <item/>} at all for an empty roster (§2.1.4: "the server MUST return an IQ-result containing a child
     * &lt;query/&gt; element that in turn contains no &lt;item/&gt; children"). Sent when the client gave no
     * version, the empty bootstrap version, or one the server cannot associate with its history (§2.6.3).
     *
     * @param roster the roster; its items are what the result lists
     * @param ver the current version, for the query's {@code ver} attribute
     */
    record FullRoster(Roster roster, String ver) implements RosterGetResult {

        public FullRoster {
            Objects.requireNonNull(roster, "roster");
            Objects.requireNonNull(ver, "ver");
        }
    }

    /**
     * The client's cache is current: an empty IQ result (no {@code <query/>} child, §2.6.3 "return an empty
     * IQ-result") and no roster pushes: "If roster versioning is enabled and the roster has not been modified since
     * the version ID enumerated by the client, the server will simply not send any roster pushes to the client".
     *
     * @param ver the current version (equal to the client's), for logging
     */
    record UpToDate(String ver) implements RosterGetResult {

        public UpToDate {
            Objects.requireNonNull(ver, "ver");
        }
    }

    /**
     * The client's cache is older but known: an empty IQ result (no {@code <query/>} child), then these "interim
     * roster pushes", in this order, to the requesting resource only. §2.6.3: "the server MUST then send one roster
     * push to the client for each roster item that has been modified since the version ID enumerated by the
     * client", each with the final state of the item; "Roster pushes MUST occur in order of modification".
     *
     * @param pushes at least one; in ascending version order, removals among them; one per contact
     * @param ver the current version, equal to the last push's
     */
    record InterimPushes(List<RosterPush> pushes, String ver) implements RosterGetResult {

        public InterimPushes {
            pushes = List.copyOf(pushes);
            Objects.requireNonNull(ver, "ver");
            if (pushes.isEmpty()) {
                throw new IllegalArgumentException("no pushes: the client is up to date, use UpToDate");
            }
        }
    }
}
