/**
 * Benchmark populations: the accounts and rosters a load test logs in with ({@code parley bench provision}), written
 * straight into the store in bulk so that a 19,000-user population with 50-contact rosters takes seconds, not the
 * hours that one registration per user would.
 *
 * <p>The population is the one the load kit in {@code bench/} expects of every server it measures: users
 * {@code user1} … {@code userN}, one password, and with a roster size R each user has the R neighbours
 * <i>i</i>±1 … <i>i</i>±R/2 (modulo N) with subscription "both", so every roster is symmetric. This package holds that
 * rule ({@link org.parley.bench.BenchPopulation}) and the loader SPI; {@code storage.h2} implements it.
 */
package org.parley.bench;
