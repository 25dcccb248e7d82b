/**
 * Offline messages (XEP-0160) on the message path: {@link org.parley.offline.vysper.OfflineModule}, a routing
 * listener that stores what nobody can take and flushes it at sign-on, stored before live.
 */
package org.parley.offline.vysper;
