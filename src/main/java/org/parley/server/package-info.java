/**
 * The executable and its composition root: {@code ParleyMain} (the {@code run} and {@code user ...} commands),
 * {@code ServerBootstrap} (the only place that builds services and wires them into Vysper) and
 * {@code ParleyServer} (a running server and its shutdown order). See docs/architecture.md.
 */
package org.parley.server;
