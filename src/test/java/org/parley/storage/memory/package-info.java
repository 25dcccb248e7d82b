/**
 * In-memory implementations of the feature stores: the fakes that service and handler tests use instead of mocks,
 * held to the same contract tests as the H2 stores, and usable for a throw-away server. Nothing survives a
 * restart.
 */
package org.parley.storage.memory;
