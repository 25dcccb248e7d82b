/**
 * Delivery to local users without transport: who is available with which resources and priorities
 * ({@link org.parley.routing.PresenceRegistry}) and the RFC 6121 §8.5 rules ({@link org.parley.routing.DeliveryRules}).
 * The router that applies them on the sender's thread is {@code org.parley.routing.vysper.StanzaRouter}
 * (ADR 0016).
 */
package org.parley.routing;
