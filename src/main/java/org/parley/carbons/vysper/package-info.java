/**
 * Message carbons (XEP-0280) on Parley's message path: {@link org.parley.carbons.vysper.CarbonsModule} answers
 * {@code <enable/>}/{@code <disable/>}, advertises {@code urn:xmpp:carbons:2} in the server's disco#info, and owns
 * {@link org.parley.carbons.vysper.CarbonsListener}, the routing listener that delivers {@code <sent/>} copies from
 * the {@code received} hook and {@code <received/>} copies from the {@code routed} hook (ADR 0020).
 */
package org.parley.carbons.vysper;
