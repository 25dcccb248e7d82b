/**
 * The router's hooks: the one place a feature (offline storage, PEP's capability tracking; later carbons, the
 * archive, client state indication) attaches to the message path, as one package registering a
 * {@link org.parley.routing.vysper.RoutingListener} at startup. See ADR 0016 and docs/architecture.md.
 */
package org.parley.routing.vysper;
