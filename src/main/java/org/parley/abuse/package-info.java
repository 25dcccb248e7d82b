/**
 * Flood and abuse control without transport (docs/security.md, "Flood and abuse control"): how many connections
 * may wait unauthenticated, how many bytes a connection may send per second, how often an address or account may
 * fail to authenticate. Pure logic over counters and an injected clock, bounded in memory; it imports no Vysper and
 * no MINA. The glue lives in {@code server.vysper} and {@code account.vysper}.
 */
package org.parley.abuse;
