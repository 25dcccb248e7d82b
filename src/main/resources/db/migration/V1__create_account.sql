-- Local accounts (org.parley.account). One row per account, keyed by its canonical bare JID.
--
-- Only SCRAM verifiers are kept (RFC 5802 §3), one set per supported hash: with them the server can check a PLAIN
-- password and act as the server side of SCRAM-SHA-1 and SCRAM-SHA-256, yet a copy of this table does not let
-- anyone log in. There is no clear-text or reversible password column, and there must never be one.
-- Keys are exactly one hash output long (20 bytes for SHA-1, 32 for SHA-256).
CREATE TABLE account (
    jid                 VARCHAR(2047)               PRIMARY KEY,  -- BareJid.toString(): local(1023) '@' domain(1023)
    created_at          TIMESTAMP(9) WITH TIME ZONE NOT NULL,     -- written from the service's Clock, in UTC
    sha1_salt           VARBINARY(255)              NOT NULL,
    sha1_iterations     INTEGER                     NOT NULL,
    sha1_stored_key     VARBINARY(20)               NOT NULL,     -- H(ClientKey)
    sha1_server_key     VARBINARY(20)               NOT NULL,     -- HMAC(SaltedPassword, 'Server Key')
    sha256_salt         VARBINARY(255)              NOT NULL,
    sha256_iterations   INTEGER                     NOT NULL,
    sha256_stored_key   VARBINARY(32)               NOT NULL,
    sha256_server_key   VARBINARY(32)               NOT NULL,
    CONSTRAINT account_sha1_valid CHECK (
        OCTET_LENGTH(sha1_salt) > 0 AND sha1_iterations > 0
        AND OCTET_LENGTH(sha1_stored_key) = 20 AND OCTET_LENGTH(sha1_server_key) = 20),
    CONSTRAINT account_sha256_valid CHECK (
        OCTET_LENGTH(sha256_salt) > 0 AND sha256_iterations > 0
        AND OCTET_LENGTH(sha256_stored_key) = 32 AND OCTET_LENGTH(sha256_server_key) = 32)
);

COMMENT ON TABLE account IS 'Local accounts: canonical bare JID and SCRAM-SHA-1/SCRAM-SHA-256 verifiers (RFC 5802 section 3); no password is stored';
COMMENT ON COLUMN account.jid IS 'Canonical bare JID (org.parley.xmpp.BareJid.toString())';
COMMENT ON COLUMN account.created_at IS 'When the account was registered';
COMMENT ON COLUMN account.sha1_stored_key IS 'SCRAM-SHA-1 StoredKey = H(ClientKey)';
COMMENT ON COLUMN account.sha1_server_key IS 'SCRAM-SHA-1 ServerKey';
COMMENT ON COLUMN account.sha256_stored_key IS 'SCRAM-SHA-256 StoredKey = H(ClientKey)';
COMMENT ON COLUMN account.sha256_server_key IS 'SCRAM-SHA-256 ServerKey';
