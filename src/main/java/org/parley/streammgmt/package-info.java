/**
 * Stream management (XEP-0198, {@code urn:xmpp:sm:3}): the rules without the transport. The 32-bit wrapping
 * counters (§4), the queue of stanzas sent and not yet acknowledged, the table of failure conditions (§6), the
 * resumption ids and the bounds on detached sessions. No Vysper or MINA here: the session plumbing that uses these is
 * in {@code org.parley.server.vysper} (docs/adr/0021).
 */
package org.parley.streammgmt;
