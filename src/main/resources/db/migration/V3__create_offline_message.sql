-- Offline message storage (org.parley.offline; XEP-0160). One row per message stanza that arrived for a local user
-- who had no resource to deliver it to (RFC 6121 §8.5.2.2.1 and §8.5.3.2.1), kept until it has been delivered.
--
-- The identity column is the arrival order: the store inserts one owner's messages one at a time (it locks the
-- owner's account row first, which is also what keeps the per-user quota exact under concurrency), so a higher id
-- always means a later message of that owner. Delivery reads in id order and deletes only what it has delivered.
-- The stanza is kept as the exact XML text the server serialized on arrival, so unknown extensions survive too.
CREATE TABLE offline_message (
    id            BIGINT                      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_jid     VARCHAR(2047)               NOT NULL,  -- recipient, BareJid.toString(); an account
    from_jid      VARCHAR(3071)               NOT NULL,  -- sender's full JID: local(1023) '@' domain(1023) '/' resource(1023)
    stanza        CLOB                        NOT NULL,  -- the whole <message/> as XML text, unchanged
    stanza_bytes  INTEGER                     NOT NULL,  -- UTF-8 length of stanza, summed for the byte quota
    received_at   TIMESTAMP(9) WITH TIME ZONE NOT NULL,  -- from the server's Clock, in UTC; the XEP-0203 stamp
    CONSTRAINT offline_message_sizes_valid CHECK (stanza_bytes > 0 AND CHAR_LENGTH(from_jid) > 0),
    -- Deleting an account deletes its undelivered messages with it.
    CONSTRAINT offline_message_owner_fk FOREIGN KEY (owner_jid) REFERENCES account (jid) ON DELETE CASCADE
);

-- One owner's messages in arrival order: for reading the queue, counting it and deleting the delivered prefix.
-- H2 2.x still adds its own index on owner_jid for the foreign key (it reuses an index only when the column lists
-- are equal), a small cost accepted so that this index says what the queries need on any database.
CREATE INDEX offline_message_owner_id ON offline_message (owner_jid, id);

COMMENT ON TABLE offline_message IS 'Messages stored for local users who were offline (XEP-0160), oldest first by id; deleted once delivered';
COMMENT ON COLUMN offline_message.id IS 'Arrival order: ascending within one owner';
COMMENT ON COLUMN offline_message.owner_jid IS 'Recipient account, canonical bare JID (org.parley.xmpp.BareJid.toString())';
COMMENT ON COLUMN offline_message.from_jid IS 'Full JID of the sender, as the stanza was routed';
COMMENT ON COLUMN offline_message.stanza IS 'The complete message stanza as XML text, byte for byte as serialized when it arrived';
COMMENT ON COLUMN offline_message.stanza_bytes IS 'Size of stanza in UTF-8 bytes, counted against the per-user byte quota';
COMMENT ON COLUMN offline_message.received_at IS 'When the server received the message; becomes the XEP-0203 delay stamp on delivery';
