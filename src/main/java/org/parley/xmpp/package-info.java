/**
 * XMPP values shared by every feature: addresses (RFC 7622) and namespaces. Nothing here imports Vysper, so
 * feature logic and stores can name users without depending on the engine.
 */
package org.parley.xmpp;
