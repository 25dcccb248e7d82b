-- Message archive (org.parley.archive; XEP-0313). One row per message per archive that keeps it: a message between
-- two local users is one row in the sender's archive and one in the recipient's. Read and written by
-- org.parley.storage.h2.H2ArchiveStore only.
--
-- The identity column is the archive id clients see (XEP-0313 result id, XEP-0359 stanza-id): unique across all
-- archives and never reused. The writer appends in one ordered stream (group commit, ADR 0022) and stamps each batch
-- no earlier than the one before, so within an archive a higher id is never an earlier received_at. Every query bound
-- (start, end, before-id, after-id, the RSM cursor) is therefore turned into an id range and read along
-- (owner_jid, id) or (owner_jid, with_jid, id).
CREATE TABLE archive_message (
    id             BIGINT                      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_jid      VARCHAR(2047)               NOT NULL,  -- whose archive: an account, BareJid.toString()
    with_jid       VARCHAR(2047)               NOT NULL,  -- the other party's bare JID (or domain); owner_jid for a note to self
    with_resource  VARCHAR(1023),                         -- the other party's resource, NULL when it had none
    outgoing       BOOLEAN                     NOT NULL,  -- true: the owner sent it
    received_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL,  -- when the server received it, UTC; the XEP-0203 stamp
    stanza         CLOB                        NOT NULL,  -- the <message/> as XML text, without the server's stanza-id
    CONSTRAINT archive_message_with_not_empty CHECK (CHAR_LENGTH(with_jid) > 0),
    -- Deleting an account deletes its archive with it (its messages in others' archives stay: they are theirs).
    CONSTRAINT archive_message_owner_fk FOREIGN KEY (owner_jid) REFERENCES account (jid) ON DELETE CASCADE
);

-- A page of one archive by id, forwards or backwards; metadata (first and last); the per-user cap.
CREATE INDEX archive_message_owner_id ON archive_message (owner_jid, id);
-- The same with a 'with' filter (bare JID; a full JID filters the few rows it finds by with_resource).
CREATE INDEX archive_message_owner_with_id ON archive_message (owner_jid, with_jid, id);
-- 'start' and 'end' to ids: the first id at or after a stamp, the last at or before one.
CREATE INDEX archive_message_owner_time ON archive_message (owner_jid, received_at, id);
-- Retention needs no index of its own: stamps rise with ids, so the expired rows are the lowest ids, read along the
-- primary key in small batches; the latest stamp (read at startup) is the highest id's.

-- Archiving preferences (XEP-0313 version 0.6 §6, as Smack 4.4 and Conversations use them). A user who never set any
-- has no row and gets the server's mam.default.
CREATE TABLE archive_prefs (
    owner_jid     VARCHAR(2047) PRIMARY KEY,
    default_rule  VARCHAR(6)    NOT NULL,  -- ArchiveDefault.wire()
    CONSTRAINT archive_prefs_default_valid CHECK (default_rule IN ('always', 'never', 'roster')),
    CONSTRAINT archive_prefs_owner_fk FOREIGN KEY (owner_jid) REFERENCES account (jid) ON DELETE CASCADE
);

CREATE TABLE archive_prefs_jid (
    owner_jid  VARCHAR(2047) NOT NULL,
    jid        VARCHAR(2047) NOT NULL,  -- a bare JID or a domain, canonical
    rule       VARCHAR(6)    NOT NULL,  -- 'always' or 'never'
    PRIMARY KEY (owner_jid, jid),
    CONSTRAINT archive_prefs_jid_rule_valid CHECK (rule IN ('always', 'never')),
    CONSTRAINT archive_prefs_jid_owner_fk FOREIGN KEY (owner_jid) REFERENCES archive_prefs (owner_jid) ON DELETE CASCADE
);

COMMENT ON TABLE archive_message IS 'Message archive (XEP-0313): one row per message per archive that keeps it, ascending id = arrival order';
COMMENT ON COLUMN archive_message.id IS 'Archive id (XEP-0313 result id, XEP-0359 stanza-id), unique across archives, never reused';
COMMENT ON COLUMN archive_message.owner_jid IS 'Owning account, canonical bare JID (account.jid)';
COMMENT ON COLUMN archive_message.with_jid IS 'The other party, canonical bare JID or domain';
COMMENT ON COLUMN archive_message.with_resource IS 'The other party''s resource, if the message had one';
COMMENT ON COLUMN archive_message.outgoing IS 'Whether the owner sent the message';
COMMENT ON COLUMN archive_message.received_at IS 'When the server received it; never earlier than a row with a lower id';
COMMENT ON COLUMN archive_message.stanza IS 'The message stanza as XML text, as routed, without the archive''s own stanza-id';
COMMENT ON TABLE archive_prefs IS 'Archiving preferences of users who set them; the others get mam.default';
COMMENT ON TABLE archive_prefs_jid IS 'The always and never lists of archiving preferences';
