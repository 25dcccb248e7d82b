package org.parley.pep;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.parley.xmpp.BareJid;

/**
 * One node of a user's personal eventing service (XEP-0163): the account owns it, the node name is a namespace by
 * convention ({@code http://jabber.org/protocol/tune}, {@code urn:xmpp:avatar:data}, ...).
 *
 * @param owner the account whose PEP service holds the node
 * @param name the node id, 1..{@link #MAX_NAME_BYTES} bytes of UTF-8
 * @param config its configuration
 */
public record PepNode(BareJid owner, String name, NodeConfig config) {

    /** Longest node id accepted, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 1023;

    public PepNode {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(config, "config");
        requireName(name);
    }

    /** Whether {@code name} is acceptable as a node id. */
    public static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES;
    }

    static void requireName(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("node id must be 1.." + MAX_NAME_BYTES + " bytes of UTF-8");
        }
    }
}
