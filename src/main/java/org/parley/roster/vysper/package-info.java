/** Vysper glue of the roster feature: the {@code jabber:iq:roster} module, handler and pushes. */
package org.parley.roster.vysper;
