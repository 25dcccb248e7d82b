/**
 * Vysper glue shared by every feature: {@link org.parley.xmpp.vysper.StanzaXml} turns a Vysper stanza into the XML
 * text a client would receive and reads such text (kept in the database) back into a stanza.
 */
package org.parley.xmpp.vysper;
