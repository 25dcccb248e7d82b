/**
 * Group commit without a thread of its own: the writes that callers make at the same time are committed together,
 * and each caller returns once its own write is durable. Used by offline storage and the message archive; depends on
 * nothing else in Parley.
 */
package org.parley.commit;
