/**
 * Vysper glue of presence, subscriptions and routing: the dictionary that puts Parley's handlers ahead of Vysper's,
 * the presence, message and IQ-routing handlers, and the router that is Vysper's internal relay.
 */
package org.parley.presence.vysper;
