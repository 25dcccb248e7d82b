/**
 * Vysper glue of the XEP-0065 proxy: the {@code proxy.<domain>} component, its service discovery (listed in the
 * server's disco#items; identity {@code proxy/bytestreams}), and the {@code http://jabber.org/protocol/bytestreams}
 * IQs (§4 stream host query, §6.3.5 activation).
 */
package org.parley.proxy65.vysper;
