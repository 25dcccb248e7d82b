/**
 * The router ({@link org.parley.routing.vysper.StanzaRouter}: the one entrance for everything that sends to a local
 * user, on the caller's thread) and its hooks: the one place a feature (offline storage, PEP's capability tracking;
 * later carbons, the archive, client state indication) attaches to the message path, as one package registering a
 * {@link org.parley.routing.vysper.RoutingListener} at startup. See ADR 0016, ADR 0020 and docs/architecture.md.
 */
package org.parley.routing.vysper;
