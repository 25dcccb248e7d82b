package org.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.parley.xmpp.BareJid;

/**
 * The load kit's population on one domain: users {@code user1} … {@code userN} and, when {@code rosterSize > 0},
 * for user <i>i</i> the contacts <i>i</i>−R/2 … <i>i</i>−1 and <i>i</i>+1 … <i>i</i>+(R−R/2), wrapping around modulo N.
 * The rule is symmetric (<i>j</i> is in <i>i</i>'s roster exactly when <i>i</i> is in <i>j</i>'s), so every item
 * can carry subscription "both" without contradicting its counterpart. It is the rule the Prosody and ejabberd
 * provisioners of the load kit use, so the three servers see the same presence fan-out.
 *
 * @param domain the domain the accounts are on
 * @param users N, at least 1
 * @param rosterSize R, from 0 to N − 1
 */
public record BenchPopulation(String domain, int users, int rosterSize) {

    public BenchPopulation {
        Objects.requireNonNull(domain, "domain");
        if (users < 1) {
            throw new IllegalArgumentException("at least one user is needed, was " + users);
        }
        if (rosterSize < 0 || rosterSize >= users) {
            throw new IllegalArgumentException("the roster size must be from 0 to " + (users - 1) + ", was "
                    + rosterSize);
        }
    }

    /** The account of user {@code i} (1 … N). */
    public BareJid user(int i) {
        return new BareJid("user" + checked(i), domain);
    }

    /** The roster of user {@code i}: the numbers of its contacts, nearest first below, then above. */
    public List<Integer> contacts(int i) {
        checked(i);
        int below = rosterSize / 2;
        List<Integer> contacts = new ArrayList<>(rosterSize);
        for (int d = -below; d <= rosterSize - below; d++) {
            if (d != 0) {
                contacts.add(Math.floorMod(i - 1 + d, users) + 1);
            }
        }
        return contacts;
    }

    private int checked(int i) {
        if (i < 1 || i > users) {
            throw new IllegalArgumentException("users are numbered 1 to " + users + ", not " + i);
        }
        return i;
    }
}
