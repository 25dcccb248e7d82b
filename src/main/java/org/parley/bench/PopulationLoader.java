package org.parley.bench;

import org.parley.account.ScramCredentials;

/**
 * Writes a {@link BenchPopulation} into the store in bulk (SPI; {@code storage.h2} implements it).
 *
 * <p>Idempotent: the population's accounts get the given verifiers whether or not they existed, their rosters are
 * replaced by exactly the population's rosters, and other accounts are left alone. Every account gets the same
 * verifiers (one salt): the users share one password anyway, and deriving 2 × N verifiers would cost the
 * 4096-iteration PBKDF2 N times for nothing. That is a benchmark shortcut the registration path never takes.
 */
public interface PopulationLoader {

    /**
     * Loads the population in one transaction: all of it or none.
     *
     * @param sha1 the SCRAM-SHA-1 verifier every account gets
     * @param sha256 the SCRAM-SHA-256 verifier every account gets
     * @return the number of roster items written
     */
    long load(BenchPopulation population, ScramCredentials sha1, ScramCredentials sha256);
}
