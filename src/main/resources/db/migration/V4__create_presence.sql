-- What the server remembers about presence (org.parley.presence.PresenceStore; RFC 6121 §4): which server process
-- owns the online list, which resources are online, and each user's last unavailable presence. Read and written by
-- org.parley.storage.h2.H2PresenceStore only.
--
-- The live presence state is in memory; these tables are written only when a resource comes online or goes
-- offline. The online list is only as fresh as the process that wrote it: after a kill -9 its rows are stale, so
-- the next server start clears them (serverStarted), and the admin CLI trusts them only while the recorded PID is
-- alive. Last presences are kept across restarts: they answer probes for offline users (§4.3.2).

CREATE TABLE server_process (
    id          INTEGER                     DEFAULT 1 PRIMARY KEY,  -- always 1: the table has at most one row
    pid         BIGINT                      NOT NULL,   -- ProcessHandle.current().pid() of the server that started
    started_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL,   -- when it started, in UTC from the server's Clock
    CONSTRAINT server_process_single_row CHECK (id = 1),
    CONSTRAINT server_process_pid_positive CHECK (pid > 0)
);

CREATE TABLE online_resource (
    owner_jid   VARCHAR(2047)               NOT NULL,   -- BareJid.toString() of the local user
    resource    VARCHAR(1023)               NOT NULL,   -- the resourcepart of the full JID (RFC 7622: 1..1023 bytes)
    since       TIMESTAMP(9) WITH TIME ZONE NOT NULL,   -- when it sent its initial presence, in UTC
    PRIMARY KEY (owner_jid, resource),
    CONSTRAINT online_resource_owner FOREIGN KEY (owner_jid) REFERENCES account (jid) ON DELETE CASCADE,
    CONSTRAINT online_resource_not_empty CHECK (CHAR_LENGTH(resource) > 0)
);

CREATE TABLE last_presence (
    owner_jid   VARCHAR(2047)               PRIMARY KEY,  -- BareJid.toString() of the local user
    stanza      CLOB                        NOT NULL,     -- the last unavailable presence as XML text, unchanged
    at          TIMESTAMP(9) WITH TIME ZONE NOT NULL,     -- when the user's last resource went offline, in UTC
    CONSTRAINT last_presence_owner FOREIGN KEY (owner_jid) REFERENCES account (jid) ON DELETE CASCADE
);

COMMENT ON TABLE server_process IS 'The server process that owns online_resource: at most one row, replaced at every start';
COMMENT ON COLUMN server_process.pid IS 'Operating-system process id of the server; the admin CLI trusts online_resource only while it is alive';
COMMENT ON COLUMN server_process.started_at IS 'When that server started';

COMMENT ON TABLE online_resource IS 'Resources of local users that are online (RFC 6121 section 4), as the running server last recorded them; cleared at every start';
COMMENT ON COLUMN online_resource.owner_jid IS 'Canonical bare JID of the local user (account.jid)';
COMMENT ON COLUMN online_resource.resource IS 'Resourcepart of the full JID';
COMMENT ON COLUMN online_resource.since IS 'When the resource sent its initial presence';

COMMENT ON TABLE last_presence IS 'Each local user''s last unavailable presence (RFC 6121 section 4.3.2), written when the last online resource goes offline';
COMMENT ON COLUMN last_presence.owner_jid IS 'Canonical bare JID of the local user (account.jid)';
COMMENT ON COLUMN last_presence.stanza IS 'The unavailable presence stanza as XML text, as the user (or the server, for a dropped connection) sent it';
COMMENT ON COLUMN last_presence.at IS 'When the user went offline';
