/**
 * The Vysper side of client state indication (XEP-0352): the routing listener that takes {@code <active/>} and
 * {@code <inactive/>} from a client and holds back what an inactive client need not get at once, the stream feature,
 * and the reading of a stanza into what the rule table needs. The only code of the {@code csi} feature that imports
 * Vysper.
 */
package org.parley.csi.vysper;
