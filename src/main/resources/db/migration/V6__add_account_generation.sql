-- The generation of an account (org.parley.roster.RosterStore#generation; RFC 6121 §2.6, ADR 0007 addendum): a
-- random 64-bit value drawn when the row is inserted, so that an account deleted and registered again under the
-- same JID gets a different one. Roster versions carry it; a version of the deleted account then matches nothing
-- and its client gets the whole roster. Read by org.parley.storage.h2.H2RosterStore only.
--
-- The database draws the value (a column default), so every way of inserting an account gets one and the account
-- code need not know of it. SECURE_RAND is H2's SecureRandom. created_at was not used: two registrations of one JID
-- in the same clock tick, or after the clock went back, could share it.

ALTER TABLE account ADD COLUMN generation BIGINT DEFAULT CAST(SECURE_RAND(8) AS BIGINT) NOT NULL;

-- Give each existing account a value of its own explicitly, instead of relying on how ADD COLUMN evaluates a
-- default for the rows already there.
UPDATE account SET generation = CAST(SECURE_RAND(8) AS BIGINT);

COMMENT ON COLUMN account.generation IS 'Random, drawn when the account is inserted: tells a re-created account from the deleted one in roster versions (RFC 6121 section 2.6)';
